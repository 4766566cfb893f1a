/// <reference types="vite/client" />
// Gives `import url from "...png?inline"` (a data: URL inlined by Vite) its type.
