/** Header that carries the browser-mode host's token on API calls (shared by host and bridge). */
export const TOKEN_HEADER = 'x-convscope-token';
