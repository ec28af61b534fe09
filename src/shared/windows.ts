// The one URL parameter that turns the renderer into a pop-out conversation window. The renderer
// builds such URLs; the Electron shell lets only these open as app windows.
export const POPOUT_PARAM = 'popout';

/** Ticket ids are short tokens; anything else in the parameter is not ours. */
export const POPOUT_ID_PATTERN = /^[\w-]{1,64}$/;
