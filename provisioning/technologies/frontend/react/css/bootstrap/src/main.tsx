import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
// Bootstrap's CSS first, so the app's own styles in index.css can override it.
import "bootstrap/dist/css/bootstrap.min.css";
import "./index.css";
import App from "./App.tsx";

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
