import { createApp } from "vue";
// Bootstrap's CSS first, so the app's own styles in style.css can override it.
import "bootstrap/dist/css/bootstrap.min.css";
import "./style.css";
import App from "./App.vue";

createApp(App).mount("#app");
