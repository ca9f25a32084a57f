export default definePageConfig({ navigationBarTitleText: '沪惠保补贴' })
