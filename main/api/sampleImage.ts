/** The built-in sample photo (main/assets/sample/, with ATTRIBUTION.md next to it). */

/** The sample's file name inside the sample folder. */
export const SAMPLE_FILE_NAME = 'astronaut.png';

/** Photographer and licence, shown with the photo (keep in step with ATTRIBUTION.md). */
export const SAMPLE_ATTRIBUTION = 'astronaut Eileen Collins (NASA), public domain (NASA)';
