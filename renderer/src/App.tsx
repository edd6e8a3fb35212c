import { Studio } from './studio/Studio.js';

/** The renderer's root: Filter Studio. */
export function App() {
  return <Studio />;
}
