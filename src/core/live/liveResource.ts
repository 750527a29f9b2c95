// What is read of a live resource to name it to people: its ID, its display name, and the phase a report names.
// Core's, so that Apply's plan (applyPlan.ts) and the VS Code layer read them alike; each kind's reading is its entry
// in the table of kinds (../kinds.ts), which this only names as reports use it.
import { shownValue } from '../display';
import { type LiveResource, statedPhaseOf } from '../kinds';

/** The ID of a live resource (a network's `metadata.name`, a group's `id`), and its display name (its ID without one). */
export { idOf as resourceId, nameOf as resourceName } from '../kinds';

/** The phase or status a live resource reports, shown escaped: a network's "" (just created) is Creating, a group without one NORMAL. */
export const reportedPhase = (resource: LiveResource): string => shownValue(statedPhaseOf(resource));
