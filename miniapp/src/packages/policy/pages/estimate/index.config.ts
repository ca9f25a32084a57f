export default definePageConfig({ navigationBarTitleText: '算一算能赔多少' })
