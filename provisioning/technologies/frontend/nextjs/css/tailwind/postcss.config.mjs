// Written by Launchpad: Next.js runs PostCSS on every CSS file, and Tailwind CSS is its plugin.
const config = {
  plugins: {
    "@tailwindcss/postcss": {},
  },
};

export default config;
