// Start-up order matters: the transport shim must be in place before any
// generated binding is called, i.e. before the app mounts.
import { installShim } from './transport/rpc'
import { createApp } from 'vue'
import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
import './styles.css'
import App from './App.vue'
import { i18n, language } from './i18n'
import { createAppRouter } from './router'

installShim()
document.documentElement.lang = language.value

createApp(App).use(i18n).use(createAppRouter()).use(ElementPlus).mount('#app')
