/// <reference types="vitest/config" />
import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// The catalogs live with the Go code so both sides read the same keys.
const locales = fileURLToPath(new URL('../internal/i18n/locales', import.meta.url))

export default defineConfig({
  // Relative asset URLs: the same build is served at / inside Wails and at
  // /admin/ by `convene serve`.
  base: './',
  plugins: [vue()],
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./src', import.meta.url)),
      '@locales': locales,
    },
  },
  server: {
    fs: { allow: ['.', locales] },
  },
  build: {
    // Vite empties dist; public/embed-placeholder.txt is copied back so the
    // committed placeholder that go:embed needs survives every build.
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  define: {
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.ts'],
    // Form tests type into many fields; on a busy two-core CI machine the
    // default 5 s is too tight for them.
    testTimeout: 30_000,
  },
})
