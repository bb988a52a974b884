const TONES = {
  green: "bg-emerald-100 text-emerald-800 ring-emerald-600/20",
  red: "bg-rose-100 text-rose-800 ring-rose-600/20",
  amber: "bg-amber-100 text-amber-800 ring-amber-600/20",
  slate: "bg-slate-100 text-slate-700 ring-slate-500/20",
} as const;

export function Badge({ tone, children }: { tone: keyof typeof TONES; children: React.ReactNode }) {
  return (
    <span
      className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[tone]}`}
    >
      {children}
    </span>
  );
}
