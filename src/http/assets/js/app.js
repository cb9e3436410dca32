// Progressive enhancement for every page: GOV.UK Frontend's components (error summary focus,
// conditional reveals, buttons). The pages work without this file.
import { initAll } from '/assets/js/govuk-frontend.min.js';

document.body.classList.add('js-enabled', 'govuk-frontend-supported');
initAll();
