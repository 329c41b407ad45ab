// Entry point of the browser client; it talks to the JSON API only.
const root = document.getElementById('app');
if (root) {
  const heading = document.createElement('h1');
  heading.textContent = 'Sift';
  root.replaceChildren(heading);
}
