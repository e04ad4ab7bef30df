import { useState, type FormEvent } from 'react';
import { useRouter } from '../router.js';

/** The global search: `/` focuses it from anywhere (a habit analysts bring from other tools). */
export function SearchBox() {
  const { navigate, loc } = useRouter();
  const [q, setQ] = useState(loc.path === '/search' ? (loc.query.get('q') ?? '') : '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (q.trim().length >= 2) navigate(`/search?q=${encodeURIComponent(q.trim())}`);
  };
  return (
    <form role="search" className="searchbox" onSubmit={submit}>
      <label htmlFor="global-search" className="sr-only">
        Search accounts, values, indicators and cases
      </label>
      <input
        id="global-search"
        type="search"
        placeholder="Search account, IP, device, indicator, case…  ( / )"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        onKeyDown={(e) => e.key === 'Escape' && (e.target as HTMLInputElement).blur()}
      />
    </form>
  );
}

if (typeof window !== 'undefined') {
  window.addEventListener('keydown', (e) => {
    const t = e.target as HTMLElement | null;
    if (e.key === '/' && t && !['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName)) {
      e.preventDefault();
      document.getElementById('global-search')?.focus();
    }
  });
}
