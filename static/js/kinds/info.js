// The `info` kind: a slide with text; nobody answers it.

export default { name: "info", answerable: false };
