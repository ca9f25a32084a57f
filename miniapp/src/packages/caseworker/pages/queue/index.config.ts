export default definePageConfig({ navigationBarTitleText: '理赔工作台', enablePullDownRefresh: true })
