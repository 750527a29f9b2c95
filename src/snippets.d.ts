/** snippets/*.code-snippets, bundled as JSON (esbuild `loader`), so that commands reuse the contributed snippets. */
declare module '*.code-snippets' {
  const snippets: Record<string, { prefix: string; description: string; include?: string[]; body: string[] }>;
  export default snippets;
}
