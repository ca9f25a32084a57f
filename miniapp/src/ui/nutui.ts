/**
 * NutUI-React-Taro 3.0.20, one component at a time: each path's DEFAULT export plus its own css.
 * (The barrel import with the full stylesheet adds ~250 KB to the weapp main package; a named import
 * from these paths builds but is undefined at run time.)
 */
import Button from '@nutui/nutui-react-taro/dist/es/packages/button'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import Switch from '@nutui/nutui-react-taro/dist/es/packages/switch'
import '@nutui/nutui-react-taro/dist/es/packages/switch/style/css'

export { Button, Switch }
