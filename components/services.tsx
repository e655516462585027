// The services the screens talk to, handed in once at the root (real ones in screens/run.tsx,
// fakes in tests). The shapes are the CONTRACTS.md methods the UI uses, written structurally so a
// fake with in-memory state satisfies them as well as the real AuthManager/LoginService do.
import { createContext, useContext, type ReactNode } from 'react';
import type { AuthSnapshot, LogoutResult } from '../src/auth/types.js';
import type { BrowserLoginAttempt, DeviceLoginAttempt, LoginSuccess } from '../src/oauth/types.js';
import type { HttpClient } from '../src/http/client.js';

export interface AuthPort {
  snapshot(): AuthSnapshot;
  subscribe(listener: () => void): () => void;
  start(options?: { watch?: boolean }): Promise<void>;
  logout(): Promise<LogoutResult>;
  fetchWithAuth(url: string, init?: RequestInit): Promise<Response>;
  currentApiKey(): string | null;
  dismissNotice(id: number): void;
  dispose(): void;
}

export type ApiKeyVerdict =
  | { status: 'valid' }
  | { status: 'refused'; message: string }
  /** Refused locally (cannot be a key): shown as it is, with no offer to save anyway. */
  | { status: 'invalid'; message: string }
  | { status: 'unreachable'; message: string };

export interface LoginPort {
  readonly forcedLoginMethod: 'chatgpt' | 'api' | null;
  environment(): { remote: boolean; reason: string | null };
  envApiKey(): string | null;
  startBrowserLogin(options?: { openBrowser?: boolean; originator?: string }): Promise<BrowserLoginAttempt>;
  startDeviceLogin(): Promise<DeviceLoginAttempt>;
  verifyApiKey(key: string): Promise<ApiKeyVerdict>;
  saveApiKey(key: string): Promise<LoginSuccess>;
  copyToClipboard(text: string): Promise<'clipboard' | 'osc52'>;
}

/** The part of CodexConfig the screens read. */
export interface UiConfig {
  forced_login_method: 'chatgpt' | 'api' | null;
  chatgpt_base_url: string;
  openai_base_url: string;
}

export interface AppServices {
  auth: AuthPort;
  login: LoginPort;
  config: UiConfig;
  http: HttpClient;
  env: NodeJS.ProcessEnv;
}

const ServicesContext = createContext<AppServices | null>(null);

export function ServicesProvider({ services, children }: { services: AppServices; children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function useServices(): AppServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices() was called outside <ServicesProvider>.');
  return services;
}
