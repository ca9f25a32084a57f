/**
 * The signed-in session (access and refresh tokens, who we are), kept in storage so that it survives
 * closing the app. One session at a time: a beneficiary on their phone, or staff at a desk.
 */
import { readStorage, removeStorage, writeStorage } from '../platform'
import type { LoginResponse, RefreshResponse, UserView } from './types'

export const SESSION_KEY = 'huimin.session'

export interface Session {
  accessToken: string
  refreshToken: string
  /** ms since epoch when the access token expires (by our clock, when we received it). */
  expiresAt: number
  user: UserView
}

type Listener = (s: Session | null) => void

export class SessionStore {
  private current: Session | null | undefined
  private readonly listeners = new Set<Listener>()

  constructor(
    private readonly key = SESSION_KEY,
    private readonly now: () => number = () => Date.now(),
  ) {}

  get(): Session | null {
    if (this.current === undefined) this.current = this.load()
    return this.current
  }

  private load(): Session | null {
    const raw = readStorage(this.key)
    if (!raw) return null
    try {
      const s = JSON.parse(raw) as Session
      return typeof s.accessToken === 'string' && typeof s.refreshToken === 'string' && s.user ? s : null
    } catch {
      return null
    }
  }

  private set(s: Session | null): void {
    this.current = s
    if (s) writeStorage(this.key, JSON.stringify(s))
    else removeStorage(this.key)
    for (const l of [...this.listeners]) l(s)
  }

  signIn(r: LoginResponse): Session {
    const s: Session = { accessToken: r.accessToken, refreshToken: r.refreshToken, expiresAt: this.now() + r.expiresIn * 1000, user: r.user }
    this.set(s)
    return s
  }

  /** New tokens after a refresh; the user stays the same. */
  refreshed(r: RefreshResponse): Session | null {
    const cur = this.get()
    if (!cur) return null
    const s: Session = { ...cur, accessToken: r.accessToken, refreshToken: r.refreshToken, expiresAt: this.now() + r.expiresIn * 1000 }
    this.set(s)
    return s
  }

  updateUser(user: UserView): void {
    const cur = this.get()
    if (cur) this.set({ ...cur, user })
  }

  clear(): void {
    this.set(null)
  }

  subscribe(l: Listener): () => void {
    this.listeners.add(l)
    return () => this.listeners.delete(l)
  }

  /** True when the access token expires within `marginMs`. */
  expiresSoon(marginMs = 30_000): boolean {
    const s = this.get()
    return !!s && s.expiresAt - this.now() < marginMs
  }
}

export function isStaff(user: UserView | undefined | null): boolean {
  return !!user && user.role !== 'beneficiary'
}
