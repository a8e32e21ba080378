(()=>{"use strict";for(let t of document.querySelectorAll("[data-print]"))t.addEventListener("click",()=>window.print());})();
