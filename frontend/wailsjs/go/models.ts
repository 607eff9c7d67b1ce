export namespace app {
	
	export class License {
	    name: string;
	    version: string;
	    license: string;
	
	    static createFrom(source: any = {}) {
	        return new License(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.version = source["version"];
	        this.license = source["license"];
	    }
	}
	export class AboutInfo {
	    version: string;
	    goVersion: string;
	    platform: string;
	    dataDir: string;
	    licenses: License[];
	
	    static createFrom(source: any = {}) {
	        return new AboutInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.version = source["version"];
	        this.goVersion = source["goVersion"];
	        this.platform = source["platform"];
	        this.dataDir = source["dataDir"];
	        this.licenses = this.convertValues(source["licenses"], License);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class FileFilter {
	    displayName: string;
	    pattern: string;
	
	    static createFrom(source: any = {}) {
	        return new FileFilter(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.displayName = source["displayName"];
	        this.pattern = source["pattern"];
	    }
	}

}

export namespace marketing {
	
	export class BusinessProfile {
	    name: string;
	    street: string;
	    postcode: string;
	    city: string;
	    country: string;
	    regNo: string;
	    email: string;
	    phone: string;
	    website: string;
	    hasLogo: boolean;
	
	    static createFrom(source: any = {}) {
	        return new BusinessProfile(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.street = source["street"];
	        this.postcode = source["postcode"];
	        this.city = source["city"];
	        this.country = source["country"];
	        this.regNo = source["regNo"];
	        this.email = source["email"];
	        this.phone = source["phone"];
	        this.website = source["website"];
	        this.hasLogo = source["hasLogo"];
	    }
	}
	export class Contact {
	    id: number;
	    customerNo: string;
	    kind: string;
	    firstName: string;
	    middleName: string;
	    lastName: string;
	    company: string;
	    jobTitle: string;
	    jobTitleNorm: string;
	    gender: string;
	    birthDate: string;
	    email: string;
	    phone: string;
	    mobile: string;
	    street1: string;
	    street2: string;
	    postcode: string;
	    city: string;
	    region: string;
	    country: string;
	    language: string;
	    customerSince: string;
	    source: string;
	    tags: string[];
	    custom: Record<string, string>;
	    notes: string;
	    createdAt: string;
	    updatedAt: string;
	
	    static createFrom(source: any = {}) {
	        return new Contact(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.customerNo = source["customerNo"];
	        this.kind = source["kind"];
	        this.firstName = source["firstName"];
	        this.middleName = source["middleName"];
	        this.lastName = source["lastName"];
	        this.company = source["company"];
	        this.jobTitle = source["jobTitle"];
	        this.jobTitleNorm = source["jobTitleNorm"];
	        this.gender = source["gender"];
	        this.birthDate = source["birthDate"];
	        this.email = source["email"];
	        this.phone = source["phone"];
	        this.mobile = source["mobile"];
	        this.street1 = source["street1"];
	        this.street2 = source["street2"];
	        this.postcode = source["postcode"];
	        this.city = source["city"];
	        this.region = source["region"];
	        this.country = source["country"];
	        this.language = source["language"];
	        this.customerSince = source["customerSince"];
	        this.source = source["source"];
	        this.tags = source["tags"];
	        this.custom = source["custom"];
	        this.notes = source["notes"];
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	    }
	}
	export class ValueCount {
	    value: string;
	    count: number;
	    group?: string;
	
	    static createFrom(source: any = {}) {
	        return new ValueCount(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.value = source["value"];
	        this.count = source["count"];
	        this.group = source["group"];
	    }
	}
	export class ContactFacets {
	    countries: ValueCount[];
	    regions: ValueCount[];
	    tags: ValueCount[];
	
	    static createFrom(source: any = {}) {
	        return new ContactFacets(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.countries = this.convertValues(source["countries"], ValueCount);
	        this.regions = this.convertValues(source["regions"], ValueCount);
	        this.tags = this.convertValues(source["tags"], ValueCount);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ContactPage {
	    items: Contact[];
	    total: number;
	    offset: number;
	    limit: number;
	
	    static createFrom(source: any = {}) {
	        return new ContactPage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.items = this.convertValues(source["items"], Contact);
	        this.total = source["total"];
	        this.offset = source["offset"];
	        this.limit = source["limit"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ContactQuery {
	    search: string;
	    country: string;
	    region: string;
	    tag: string;
	    sort: string;
	    desc: boolean;
	    offset: number;
	    limit: number;
	
	    static createFrom(source: any = {}) {
	        return new ContactQuery(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.search = source["search"];
	        this.country = source["country"];
	        this.region = source["region"];
	        this.tag = source["tag"];
	        this.sort = source["sort"];
	        this.desc = source["desc"];
	        this.offset = source["offset"];
	        this.limit = source["limit"];
	    }
	}
	export class Event {
	    id: number;
	    contactId: number;
	    at: string;
	    kind: string;
	    summary: string;
	    details: Record<string, string>;
	
	    static createFrom(source: any = {}) {
	        return new Event(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.contactId = source["contactId"];
	        this.at = source["at"];
	        this.kind = source["kind"];
	        this.summary = source["summary"];
	        this.details = source["details"];
	    }
	}
	export class Settings {
	    language: string;
	    country: string;
	    currency: string;
	    theme: string;
	    business: BusinessProfile;
	    setup: boolean;
	    contactColumns: string[];
	
	    static createFrom(source: any = {}) {
	        return new Settings(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.language = source["language"];
	        this.country = source["country"];
	        this.currency = source["currency"];
	        this.theme = source["theme"];
	        this.business = this.convertValues(source["business"], BusinessProfile);
	        this.setup = source["setup"];
	        this.contactColumns = source["contactColumns"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class WorkspaceCounts {
	    contacts: number;
	    orders: number;
	    products: number;
	    demo: number;
	
	    static createFrom(source: any = {}) {
	        return new WorkspaceCounts(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.contacts = source["contacts"];
	        this.orders = source["orders"];
	        this.products = source["products"];
	        this.demo = source["demo"];
	    }
	}
	export class WorkspaceInfo {
	    dir: string;
	    file: string;
	    version: string;
	    counts: WorkspaceCounts;
	    settings: Settings;
	    demoContacts: number;
	    health: string;
	
	    static createFrom(source: any = {}) {
	        return new WorkspaceInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.dir = source["dir"];
	        this.file = source["file"];
	        this.version = source["version"];
	        this.counts = this.convertValues(source["counts"], WorkspaceCounts);
	        this.settings = this.convertValues(source["settings"], Settings);
	        this.demoContacts = source["demoContacts"];
	        this.health = source["health"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

