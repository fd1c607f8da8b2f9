import { useSyncExternalStore } from "react";

/** A tiny hash router: #/stake, #/govern/123, ... (works from any static host without rewrites). */
const subscribe = (listener: () => void) => {
  window.addEventListener("hashchange", listener);
  return () => window.removeEventListener("hashchange", listener);
};
const getPath = () => window.location.hash.replace(/^#/, "") || "/";

export function useRoute(): string[] {
  const path = useSyncExternalStore(subscribe, getPath, () => "/");
  return path.split("/").filter(Boolean);
}

export const href = (...parts: (string | number)[]) => `#/${parts.join("/")}`;
export const navigate = (...parts: (string | number)[]) => {
  window.location.hash = `/${parts.join("/")}`;
};
