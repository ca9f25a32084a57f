import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import prodConfig from './prod'

// Taro 4 + webpack5. One design width (375, as NutUI) for our styles and NutUI's, so "18px" in SCSS
// is 18 CSS px on a 375-wide phone. Each platform builds into its own folder (dist/weapp, dist/h5).
export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'huimin',
    date: '2026-11-22',
    designWidth: 375,
    deviceRatio: {
      375: 2,
      640: 2.34 / 2,
      750: 1,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    // The API: the same origin in H5 (the server serves the build); on WeChat an https origin set at build
    // time (HUIMIN_API_BASE), by default the local server for WeChat DevTools with domain checks off.
    defineConstants: {
      HUIMIN_API_BASE: JSON.stringify(process.env.HUIMIN_API_BASE ?? (process.env.TARO_ENV === 'h5' ? '' : 'http://127.0.0.1:3000')),
    },
    alias: {
      '@': path.resolve(__dirname, '..', 'src'),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    // Taro's mini-program default escapes every non-ASCII character (\uXXXX: 6 bytes for each Chinese
    // character of the scheme data and UI). WeChat reads UTF-8 sources, so keep them as they are.
    terser: { enable: true, config: { output: { ascii_only: false } } },
    mini: {
      // Our styles never override NutUI's by order (only through its CSS variables): ignore the order warnings.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      // Served at the site root by the server's serve-static. The root is basename '' here: Taro 4.2.1
      // hands basename to universal-router as baseUrl, and '/' makes every route miss (blank page).
      router: { mode: 'browser', basename: '' },
      output: {
        filename: 'js/[name].[hash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        // rem root: 20 px on a 375-wide phone; at most 24 px on a desk screen (Taro's default 40 doubles
        // every size on a laptop, where caseworkers use the console).
        pxtransform: { enable: true, config: { maxRootSize: 24 } },
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      // Pages are lazy chunks; Taro's default splits 'initial' chunks only, so every page chunk carried
      // its own copy of the engine, NutUI and Taro's components. Share modules between pages with an
      // async-only group (splitting the entry itself would need chunks that index.html does not load).
      webpackChain(chain) {
        chain.optimization.merge({
          splitChunks: {
            cacheGroups: {
              pagesShared: { chunks: 'async', minChunks: 2, priority: 5, reuseExistingChunk: true },
            },
          },
        })
      },
    },
  }
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig)
  return merge({}, baseConfig, prodConfig)
})
