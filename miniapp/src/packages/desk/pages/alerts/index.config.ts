export default definePageConfig({ navigationBarTitleText: '监测提醒导入' })
