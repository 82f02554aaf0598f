// Runs before out/main/backend.js in the child: gives it Electron's `process.parentPort`.
process.parentPort = {
  on(event, listener) {
    if (event === 'message') process.on('message', (data) => listener({ data }));
  },
  postMessage(message) {
    process.send?.(message);
  },
};
