/** Placeholder screen until Filter Studio (the desktop-app issue) replaces it. */
export function App() {
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', padding: 24 }}>
      <h1>Convscope</h1>
      <p>See how convolutional networks see. The app arrives with the desktop-app issue.</p>
    </main>
  );
}
