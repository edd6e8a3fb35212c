#!/usr/bin/env node
// The `convscope` bin. Plain JavaScript so that Node starts it without a build step; tsx (a runtime
// dependency) compiles the TypeScript CLI on the fly.
import { register } from 'tsx/esm/api';

register();
await import('./index.ts');
