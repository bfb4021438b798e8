/**
 * Councils (issue 12): councils and their composition, meetings with agenda, attendance and
 * quorum, protocols saved as instructions of the council's control plan, and the control
 * decisions of later meetings. This file is the module's surface: other modules, the HTTP
 * app, the CLI and the benches import only what it exports.
 */
export { registerCouncilRoutes } from './councils.routes.js';
export {
  addMember,
  createCouncil,
  createMeeting,
  getCouncil,
  getMeeting,
  setAttendance,
  setAgenda,
} from './councils.service.js';
export { commitProtocol, decideInstructions, listInstructions } from './instructions.service.js';
