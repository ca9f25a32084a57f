export default definePageConfig({ navigationBarTitleText: '保险方案' })
