// The `info` kind: a slide with text; nobody answers it.

import { register } from "./index.js";

export default register({ name: "info", answerable: false });
