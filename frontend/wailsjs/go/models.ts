export namespace app {
	
	export interface SystemInfo {
	    version: string;
	    mode: string;
	    actor: auth.Actor;
	    schemaVersion: number;
	    dataDir: string;
	    databasePath: string;
	    publicUrl: string;
	    baseUrlLocked: boolean;
	}

}

export namespace auth {
	
	export interface Actor {
	    userId: number;
	    email: string;
	    name: string;
	    role: string;
	    desktop: boolean;
	}
	export interface NewUser {
	    email: string;
	    name: string;
	    role: string;
	    password: string;
	}
	export interface User {
	    id: number;
	    email: string;
	    name: string;
	    role: string;
	    disabled: boolean;
	    // Go type: time
	    createdAt: any;
	    // Go type: time
	    updatedAt: any;
	}

}

export namespace setting {
	
	export interface Settings {
	    organiserName: string;
	    department: string;
	    address: string;
	    phone: string;
	    email: string;
	    baseUrl: string;
	    defaultLanguage: string;
	    timeZone: string;
	    // Go type: time
	    updatedAt: any;
	    updatedBy: string;
	}

}

export namespace store {
	
	export interface BackupInfo {
	    path: string;
	    name: string;
	    size: number;
	    // Go type: time
	    takenAt: any;
	}

}

