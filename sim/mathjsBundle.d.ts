// Types for mathjs's single-file build. quantity.ts imports it because it loads about 10× faster than the
// package's ESM entry (≈1,260 modules); it is the same library and API, so the package's own types describe it.

declare module "mathjs/lib/browser/math.js" {
  const mathjs: typeof import("mathjs");
  export default mathjs;
}
