export default definePageConfig({ navigationBarTitleText: '代为报案' })
