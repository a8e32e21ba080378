(()=>{"use strict";var{answerable:r,kindOf:s,register:e}=globalThis.dialogueModules["kinds/index.js"];var o=e({name:"info",answerable:!1});})();
