/// <reference types="vite/client" />

// The variables this app reads from import.meta.env. Vite exposes only those starting with VITE_.
interface ImportMetaEnv {
  /**
   * The backend's address as the browser reaches it, e.g. http://127.0.0.1:8000. Read when the dev
   * server starts and when `vite build` runs. Absent or empty: the stack has no backend.
   */
  readonly VITE_API_URL?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
