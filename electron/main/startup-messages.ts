import type { OpenFailure } from '../../db/open';
import type { PasswordFailure } from './server-password';
import { catalogs } from '../../shared/i18n';
import { formatPolicyMessage, formatPolicyProblem } from '../../shared/policy/messages';
import type { PolicyProblem } from '../../shared/policy/schema';

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
    unreachable: {
      title: 'CareDesk: cannot reach the facility server',
      body: (f) => `CareDesk could not connect to the facility's database server. Check that the server is running and that this computer can reach it on the network.\n\nServer: ${f}`,
    },
    auth_failed: {
      title: 'CareDesk: the facility server refused the sign-in',
      body: (f) => `The database server refused CareDesk's user name or password. An administrator must check the server connection in the policy and the password in this computer's credential store.\n\nServer: ${f}`,
    },
    tls_refused: {
      title: 'CareDesk: the secure connection to the server failed',
      body: (f) => `CareDesk could not set up an encrypted connection to the database server, or could not verify the server's certificate. An administrator must check the TLS mode and the CA certificate named in the policy.\n\nServer: ${f}`,
    },
    no_database: {
      title: 'CareDesk: the database does not exist on the server',
      body: (f) => `The server has no database with the name given in the policy. An administrator must create it (empty) or correct the name.\n\nServer: ${f}`,
    },
    not_caredesk: {
      title: 'CareDesk: the server database is not CareDesk\'s',
      body: (f) => `The database named in the policy already holds tables that CareDesk did not create. CareDesk will not write into it. An administrator must name an empty database for CareDesk.\n\nServer: ${f}`,
    },
    read_only: {
      title: 'CareDesk: cannot write the database here',
      body: (f) => `CareDesk cannot write to its database: the file or its folder is read-only, or this account has no right to change it. The data has not been touched and is not damaged.\n\nFile: ${f}\n\nAn administrator must give this account write access, or name a folder it can write in the policy.`,
    },
    wrong_key: {
      title: 'CareDesk: the database key does not open this database',
      body: (f) => `The CareDesk database is encrypted, and the key this computer holds does not open it. The file is not damaged.\n\nFile: ${f}\n\nAn administrator can open it with the recovery key printed at setup (see the deployment guide).`,
    },
    network_share: {
      title: 'CareDesk: the database is on a network share',
      body: (f) => `The CareDesk database is on a network share. SQLite's file locking is not safe there: two computers writing to the same file can corrupt it. CareDesk has not opened it.\n\nFile: ${f}\n\nMove the data folder to a local disk, or, for several stations, use the facility server option.`,
    },
    locked: {
      title: 'CareDesk: the database is in use',
      body: (f) => `Another program is using the CareDesk database (it is in use, not damaged). Close any other copy of CareDesk (or the program holding the file) and try again.\n\nFile: ${f}`,
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
    unreachable: {
      title: 'CareDesk: no se puede conectar con el servidor del centro',
      body: (f) => `CareDesk no pudo conectarse con el servidor de base de datos del centro. Compruebe que el servidor está en marcha y que este equipo puede alcanzarlo por la red.\n\nServidor: ${f}`,
    },
    auth_failed: {
      title: 'CareDesk: el servidor del centro rechazó el inicio de sesión',
      body: (f) => `El servidor de base de datos rechazó el usuario o la contraseña de CareDesk. Un administrador debe revisar la conexión en la directiva y la contraseña en el almacén de credenciales de este equipo.\n\nServidor: ${f}`,
    },
    tls_refused: {
      title: 'CareDesk: falló la conexión segura con el servidor',
      body: (f) => `CareDesk no pudo establecer una conexión cifrada con el servidor de base de datos o no pudo verificar su certificado. Un administrador debe revisar el modo TLS y el certificado de la CA indicados en la directiva.\n\nServidor: ${f}`,
    },
    no_database: {
      title: 'CareDesk: la base de datos no existe en el servidor',
      body: (f) => `El servidor no tiene ninguna base de datos con el nombre indicado en la directiva. Un administrador debe crearla (vacía) o corregir el nombre.\n\nServidor: ${f}`,
    },
    not_caredesk: {
      title: 'CareDesk: la base de datos del servidor no es de CareDesk',
      body: (f) => `La base de datos indicada en la directiva ya contiene tablas que CareDesk no creó. CareDesk no escribirá en ella. Un administrador debe indicar una base de datos vacía para CareDesk.\n\nServidor: ${f}`,
    },
    read_only: {
      title: 'CareDesk: no se puede escribir la base de datos aquí',
      body: (f) => `CareDesk no puede escribir en su base de datos: el archivo o su carpeta son de solo lectura, o esta cuenta no tiene permiso para modificarlos. Los datos no se han tocado y no están dañados.\n\nArchivo: ${f}\n\nUn administrador debe dar permiso de escritura a esta cuenta o indicar en la directiva una carpeta en la que pueda escribir.`,
    },
    wrong_key: {
      title: 'CareDesk: la clave no abre esta base de datos',
      body: (f) => `La base de datos de CareDesk está cifrada y la clave que tiene este equipo no la abre. El archivo no está dañado.\n\nArchivo: ${f}\n\nUn administrador puede abrirla con la clave de recuperación impresa en la instalación (consulte la guía de implantación).`,
    },
    network_share: {
      title: 'CareDesk: la base de datos está en un recurso compartido de red',
      body: (f) => `La base de datos de CareDesk está en un recurso compartido de red. El bloqueo de archivos de SQLite no es seguro allí: dos equipos que escriban en el mismo archivo pueden dañarlo. CareDesk no la ha abierto.\n\nArchivo: ${f}\n\nMueva la carpeta de datos a un disco local o, para varios puestos, use la opción de servidor del centro.`,
    },
    locked: {
      title: 'CareDesk: la base de datos está en uso',
      body: (f) => `Otro programa está usando la base de datos de CareDesk (está en uso, no dañada). Cierre cualquier otra copia de CareDesk (o el programa que tiene el archivo abierto) e inténtelo de nuevo.\n\nArchivo: ${f}`,
    },
  },
};

export function databaseOpenMessage(reason: OpenFailure, file: string, lang: Lang): { title: string; body: string } {
  const m = dbMessages[lang][reason];
  return { title: m.title, body: `${m.body(file)}\n\n${tail[lang]}` };
}

/**
 * The policy leaves the data location unknown (a bad data folder, backup folder or server, or
 * a policy source that cannot be read): each problem on its own line, in the catalogs' words.
 */
export function policyStopMessage(problems: readonly PolicyProblem[], lang: Lang): { title: string; body: string } {
  const m = catalogs[lang];
  const lines = problems.map((p) => `• ${formatPolicyProblem(p, m)}\n  ${formatPolicyMessage(m, 'policy.problemSource', { source: p.source })}`);
  return { title: m.policy.stopTitle, body: [m.policy.stopIntro, '', ...lines, '', m.policy.stopOutro].join('\n') };
}


/** A native module does not match what was installed: the program files were changed. */
export function nativeModuleMessage(file: string, lang: Lang): { title: string; body: string } {
  return lang === 'es'
    ? {
        title: 'CareDesk: la instalación ha sido modificada',
        body: `Un archivo del programa no coincide con el que se instaló, así que CareDesk no se iniciará.\n\nArchivo: ${file}\n\nReinstale CareDesk o comuníquese con soporte técnico. No se ha abierto ninguna base de datos.`,
      }
    : {
        title: 'CareDesk: the installation has been changed',
        body: `A program file does not match the one that was installed, so CareDesk will not start.\n\nFile: ${file}\n\nReinstall CareDesk or contact IT support. No database has been opened.`,
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

/** The facility server's password could not be read where the policy says it is. */
export function serverPasswordMessage(reason: PasswordFailure, detail: string, lang: Lang): { title: string; body: string } {
  const en: Record<PasswordFailure, string> = {
    credential_missing: `This computer's credential store holds no password for the CareDesk server account (${detail}). An administrator must store it (see the deployment guide).`,
    credential_store_unavailable: `CareDesk could not ask this computer's credential store for the server password (${detail}).`,
    password_file_missing: `The server password file named in the policy does not exist: ${detail}.`,
    password_file_unsafe: `The server password file is not protected: ${detail}. Only the account CareDesk runs as may read it.`,
    password_file_empty: `The server password file is empty: ${detail}.`,
  };
  const es: Record<PasswordFailure, string> = {
    credential_missing: `El almacén de credenciales de este equipo no tiene contraseña para la cuenta del servidor de CareDesk (${detail}). Un administrador debe guardarla (consulte la guía de implantación).`,
    credential_store_unavailable: `CareDesk no pudo consultar el almacén de credenciales de este equipo para obtener la contraseña del servidor (${detail}).`,
    password_file_missing: `No existe el archivo de contraseña del servidor indicado en la directiva: ${detail}.`,
    password_file_unsafe: `El archivo de contraseña del servidor no está protegido: ${detail}. Solo la cuenta con la que se ejecuta CareDesk puede leerlo.`,
    password_file_empty: `El archivo de contraseña del servidor está vacío: ${detail}.`,
  };
  return lang === 'es'
    ? { title: 'CareDesk: no se puede conectar con el servidor del centro', body: `${es[reason]}\n\nNo se ha abierto ninguna base de datos.` }
    : { title: 'CareDesk: cannot connect to the facility server', body: `${en[reason]}\n\nNo database has been opened.` };
}

/** Asked when a reload or closing the window would throw away a form's typed work. */
export function unsavedWorkMessage(lang: Lang): { message: string; detail: string; stay: string; leave: string } {
  return lang === 'es'
    ? { message: 'Hay trabajo escrito sin guardar.', detail: 'Si sale ahora, lo escrito se pierde.', stay: 'Quedarse', leave: 'Salir y descartar' }
    : { message: 'You have typed work that is not saved.', detail: 'If you leave now, what you typed is lost.', stay: 'Stay', leave: 'Leave and discard' };
}

/** The recovery key, shown once when the database key is made: to print and lock away. */
export function recoveryKeyMessage(key: string, lang: Lang): { title: string; message: string; detail: string; ok: string } {
  return lang === 'es'
    ? {
        title: 'CareDesk: clave de recuperación',
        message: 'La base de datos de CareDesk está cifrada. Esta es su clave de recuperación; solo se muestra ahora.',
        detail: `${key}\n\nImprímala o anótela y guárdela bajo llave. Sin ella, si este equipo o la cuenta de Windows se pierden, los datos no se pueden abrir. CareDesk no la guarda.`,
        ok: 'La he guardado',
      }
    : {
        title: 'CareDesk: recovery key',
        message: 'The CareDesk database is encrypted. This is its recovery key; it is shown only now.',
        detail: `${key}\n\nPrint it or write it down and lock it away. Without it, if this computer or the Windows account is lost, the data cannot be opened. CareDesk does not keep it.`,
        ok: 'I have stored it',
      };
}
