export default definePageConfig({ navigationBarTitleText: '监管看板', enablePullDownRefresh: true })
