import type { OpenFailure } from '../../db/open';

/**
 * What a person sees when CareDesk cannot start. These dialogs appear before the renderer (and
 * its i18n catalogs) exists, so the two languages live here. No 'electron' import: tests read them.
 */

export type Lang = 'en' | 'es';

export function langFromLocale(locale: string): Lang {
  return locale.toLowerCase().startsWith('es') ? 'es' : 'en';
}

interface Message {
  title: string;
  body: (file: string) => string;
}

const tail: Record<Lang, string> = {
  en: 'CareDesk has not changed or replaced the file. Please contact your administrator or IT support.',
  es: 'CareDesk no ha modificado ni reemplazado el archivo. Comuníquese con su administrador o con soporte técnico.',
};

const dbMessages: Record<Lang, Record<OpenFailure, Message>> = {
  en: {
    damaged: {
      title: 'CareDesk: the database is damaged',
      body: (f) => `The CareDesk database failed its integrity check and cannot be opened safely.\n\nFile: ${f}\n\nRestore it from a backup (copies made before each update are in the ".backups" folder beside it).`,
    },
    not_a_database: {
      title: 'CareDesk: the data file is not a database',
      body: (f) => `The file where CareDesk keeps its data is not a CareDesk database (it may be encrypted, truncated or a different file).\n\nFile: ${f}`,
    },
    newer_schema: {
      title: 'CareDesk: the database is from a newer version',
      body: (f) => `This database was last used by a newer version of CareDesk. Install that version (or newer) to open it.\n\nFile: ${f}`,
    },
    migration_failed: {
      title: 'CareDesk: the database could not be updated',
      body: (f) => `Updating the database to this version of CareDesk failed, and the update was rolled back. Your data is as it was before.\n\nFile: ${f}`,
    },
    locked: {
      title: 'CareDesk: the database is in use',
      body: (f) => `Another program is using the CareDesk database. Close any other copy of CareDesk (or the program holding the file) and try again.\n\nFile: ${f}`,
    },
  },
  es: {
    damaged: {
      title: 'CareDesk: la base de datos está dañada',
      body: (f) => `La base de datos de CareDesk no superó la comprobación de integridad y no se puede abrir de forma segura.\n\nArchivo: ${f}\n\nRestáurela desde una copia de seguridad (las copias hechas antes de cada actualización están en la carpeta ".backups" junto al archivo).`,
    },
    not_a_database: {
      title: 'CareDesk: el archivo de datos no es una base de datos',
      body: (f) => `El archivo donde CareDesk guarda sus datos no es una base de datos de CareDesk (puede estar cifrado, truncado o ser otro archivo).\n\nArchivo: ${f}`,
    },
    newer_schema: {
      title: 'CareDesk: la base de datos es de una versión más reciente',
      body: (f) => `Esta base de datos fue usada por una versión más reciente de CareDesk. Instale esa versión (o una posterior) para abrirla.\n\nArchivo: ${f}`,
    },
    migration_failed: {
      title: 'CareDesk: no se pudo actualizar la base de datos',
      body: (f) => `La actualización de la base de datos a esta versión de CareDesk falló y se revirtió. Sus datos están como estaban antes.\n\nArchivo: ${f}`,
    },
    locked: {
      title: 'CareDesk: la base de datos está en uso',
      body: (f) => `Otro programa está usando la base de datos de CareDesk. Cierre cualquier otra copia de CareDesk (o el programa que tiene el archivo abierto) e inténtelo de nuevo.\n\nArchivo: ${f}`,
    },
  },
};

export function databaseOpenMessage(reason: OpenFailure, file: string, lang: Lang): { title: string; body: string } {
  const m = dbMessages[lang][reason];
  return { title: m.title, body: `${m.body(file)}\n\n${tail[lang]}` };
}

export function policyMessage(detail: string, lang: Lang): { title: string; body: string } {
  return lang === 'es'
    ? {
        title: 'CareDesk: el archivo de directivas no es válido',
        body: `CareDesk no se iniciará hasta que se corrija el archivo de directivas del administrador.\n\n${detail}`,
      }
    : {
        title: 'CareDesk: the policy file is not valid',
        body: `CareDesk will not start until the administrator's policy file is corrected.\n\n${detail}`,
      };
}

export function unexpectedStartupMessage(detail: string, lang: Lang): { title: string; body: string } {
  return lang === 'es'
    ? { title: 'CareDesk no pudo iniciarse', body: `Ocurrió un error inesperado al iniciar.\n\n${detail}\n\nComuníquese con soporte técnico.` }
    : { title: 'CareDesk could not start', body: `An unexpected error stopped CareDesk from starting.\n\n${detail}\n\nPlease contact IT support.` };
}

export function demoSeedFailedMessage(lang: Lang): { title: string; body: string } {
  return lang === 'es'
    ? { title: 'CareDesk: no se pudo crear el centro de demostración', body: 'La base de datos de demostración no se pudo crear y se ha eliminado. Inténtelo de nuevo.' }
    : { title: 'CareDesk: the demo facility could not be created', body: 'The demo database could not be created and has been removed. Please try again.' };
}

/** Asked when a reload or closing the window would throw away a form's typed work. */
export function unsavedWorkMessage(lang: Lang): { message: string; detail: string; stay: string; leave: string } {
  return lang === 'es'
    ? { message: 'Hay trabajo escrito sin guardar.', detail: 'Si sale ahora, lo escrito se pierde.', stay: 'Quedarse', leave: 'Salir y descartar' }
    : { message: 'You have typed work that is not saved.', detail: 'If you leave now, what you typed is lost.', stay: 'Stay', leave: 'Leave and discard' };
}
