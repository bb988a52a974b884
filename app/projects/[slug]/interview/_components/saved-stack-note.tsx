/** Shown while changing a stack that was saved (and provisioned) before: what saving again does. */
export function SavedStackNote() {
  return (
    <p className="rounded-md border border-slate-200 bg-slate-50 px-4 py-3 text-sm text-slate-700">
      <span className="font-medium">Changing a saved stack:</span> saving re-provisions Launchpad&rsquo;s
      files. Code already in <code>backend/app</code> or <code>frontend/app</code> stays as it is: a new
      framework is created by <code>./setup.sh</code> only into an empty app folder, so move the old one away
      first. A new database keeps its data in a volume of its own (the project&rsquo;s README says how to
      remove the old one).
    </p>
  );
}
