export default definePageConfig({ navigationBarTitleText: '报案' })
