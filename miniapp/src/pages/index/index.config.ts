export default definePageConfig({ navigationBarTitleText: '惠民保障' })
