/**
 * Messages of privacy and access: the lock screen, emergency access, locked accounts, the audit
 * viewer's human labels and the trail's verification. en is the source; es must have the same
 * keys (checked by the compiler through Messages in en.ts).
 */
export const privacyEn = {
  printJobUnknown: 'This print was already recorded, or was never authorised.',
};

export const privacyFieldEn = {
  cannot_reset_self: 'You cannot reset your own password. Use Change password, with your current password.',
  file_active_content: 'This PDF contains scripts, actions or embedded files, which a certificate does not need. Save or print it again as a plain PDF, then attach that.',
};

export const privacyEs: typeof privacyEn = {
  printJobUnknown: 'Esta impresión ya se registró o nunca se autorizó.',
};

export const privacyFieldEs: typeof privacyFieldEn = {
  cannot_reset_self: 'No puede restablecer su propia contraseña. Use Cambiar contraseña, con su contraseña actual.',
  file_active_content: 'Este PDF contiene scripts, acciones o archivos incrustados, que un certificado no necesita. Guárdelo o imprímalo de nuevo como un PDF simple y adjunte ese.',
};
