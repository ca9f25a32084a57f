import type { PropsWithChildren } from 'react'
import { ElderModeProvider } from './hooks/useElderMode'
import { installPrivacyHandler } from './services/privacy'

import './app.scss'

installPrivacyHandler()

/** The app shell: every page (children) sits inside the elder-mode context. */
function App({ children }: PropsWithChildren) {
  return <ElderModeProvider>{children}</ElderModeProvider>
}

export default App
