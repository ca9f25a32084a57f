export default definePageConfig({ navigationBarTitleText: '保障详情' })
