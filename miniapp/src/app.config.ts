// Main package: launch and tab pages only. Everything else lives in subpackages by area.
export default defineAppConfig({
  pages: ['pages/index/index', 'pages/claims/index', 'pages/messages/index', 'pages/me/index'],
  subPackages: [
    {
      root: 'packages/policy',
      pages: ['pages/schemes/index', 'pages/scheme/index', 'pages/benefit/index', 'pages/estimate/index'],
    },
    { root: 'packages/account', pages: ['pages/login/index'] },
    { root: 'packages/report', pages: ['pages/new/index'] },
    { root: 'packages/claim', pages: ['pages/detail/index'] },
    { root: 'packages/caseworker', pages: ['pages/login/index', 'pages/queue/index', 'pages/claim/index'] },
    { root: 'packages/more', pages: ['pages/student/index', 'pages/huhuibao/index'] },
    { root: 'packages/desk', pages: ['pages/home/index', 'pages/report/index', 'pages/roster/index', 'pages/alerts/index', 'pages/subsidy/index'] },
    // 监管看板 (oversight), staff only: nothing of it in the main package.
    { root: 'packages/oversight', pages: ['pages/dashboard/index'] },
  ],
  preloadRule: {
    'pages/index/index': { network: 'all', packages: ['packages/policy', 'packages/report'] },
    'pages/claims/index': { network: 'all', packages: ['packages/claim'] },
  },
  // WeChat's privacy agreement flow (wx.onNeedPrivacyAuthorization, services/privacy.ts).
  __usePrivacyCheck__: true,
  tabBar: {
    color: '#555555',
    selectedColor: '#b3261e',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/index/index', text: '首页', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-on.png' },
      { pagePath: 'pages/claims/index', text: '我的理赔', iconPath: 'assets/tab/claims.png', selectedIconPath: 'assets/tab/claims-on.png' },
      { pagePath: 'pages/messages/index', text: '消息', iconPath: 'assets/tab/messages.png', selectedIconPath: 'assets/tab/messages-on.png' },
      { pagePath: 'pages/me/index', text: '我的', iconPath: 'assets/tab/me.png', selectedIconPath: 'assets/tab/me-on.png' },
    ],
  },
  window: {
    backgroundTextStyle: 'dark',
    backgroundColor: '#f5f5f5',
    navigationBarBackgroundColor: '#b3261e',
    navigationBarTitleText: '惠民保障',
    navigationBarTextStyle: 'white',
  },
})
