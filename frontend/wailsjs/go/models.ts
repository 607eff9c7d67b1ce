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
	export class AccountView {
	    account: marketing.MailAccount;
	    passwordSaved: boolean;
	    keychain: boolean;
	
	    static createFrom(source: any = {}) {
	        return new AccountView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.account = this.convertValues(source["account"], marketing.MailAccount);
	        this.passwordSaved = source["passwordSaved"];
	        this.keychain = source["keychain"];
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
	export class BackupList {
	    dir: string;
	    items: backup.Info[];
	    last: string;
	    auto: boolean;
	    keep: number[];
	    damage: boolean;
	
	    static createFrom(source: any = {}) {
	        return new BackupList(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.dir = source["dir"];
	        this.items = this.convertValues(source["items"], backup.Info);
	        this.last = source["last"];
	        this.auto = source["auto"];
	        this.keep = source["keep"];
	        this.damage = source["damage"];
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
	export class ConnectionStep {
	    ok: boolean;
	    skipped: boolean;
	    reason: string;
	    message: string;
	    details: Record<string, string>;
	    tls: boolean;
	    pipelining: boolean;
	
	    static createFrom(source: any = {}) {
	        return new ConnectionStep(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.ok = source["ok"];
	        this.skipped = source["skipped"];
	        this.reason = source["reason"];
	        this.message = source["message"];
	        this.details = source["details"];
	        this.tls = source["tls"];
	        this.pipelining = source["pipelining"];
	    }
	}
	export class ConnectionReport {
	    smtp: ConnectionStep;
	    imap: ConnectionStep;
	
	    static createFrom(source: any = {}) {
	        return new ConnectionReport(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.smtp = this.convertValues(source["smtp"], ConnectionStep);
	        this.imap = this.convertValues(source["imap"], ConnectionStep);
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
	
	export class CountryRulesDTO {
	    country: string;
	    register: string;
	    rules: marketing.ChannelRule[];
	
	    static createFrom(source: any = {}) {
	        return new CountryRulesDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.country = source["country"];
	        this.register = source["register"];
	        this.rules = this.convertValues(source["rules"], marketing.ChannelRule);
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
	export class DocumentResult {
	    run: marketing.DocumentRun;
	    files: string[];
	    problems: document.ContactProblem[];
	    download: string;
	
	    static createFrom(source: any = {}) {
	        return new DocumentResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.run = this.convertValues(source["run"], marketing.DocumentRun);
	        this.files = source["files"];
	        this.problems = this.convertValues(source["problems"], document.ContactProblem);
	        this.download = source["download"];
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
	export class DocumentSelection {
	    segmentId: number;
	    filter: segment.Filter;
	
	    static createFrom(source: any = {}) {
	        return new DocumentSelection(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.segmentId = source["segmentId"];
	        this.filter = this.convertValues(source["filter"], segment.Filter);
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
	export class DomainProblem {
	    code: string;
	    params: Record<string, string>;
	    message: string;
	
	    static createFrom(source: any = {}) {
	        return new DomainProblem(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.code = source["code"];
	        this.params = source["params"];
	        this.message = source["message"];
	    }
	}
	export class DomainFinding {
	    status: string;
	    record: string;
	    problems: DomainProblem[];
	
	    static createFrom(source: any = {}) {
	        return new DomainFinding(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.status = source["status"];
	        this.record = source["record"];
	        this.problems = this.convertValues(source["problems"], DomainProblem);
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
	
	export class DomainReport {
	    domain: string;
	    spf: DomainFinding;
	    dkim: DomainFinding;
	    dmarc: DomainFinding;
	    dkimName: string;
	    dkimRecord: string;
	
	    static createFrom(source: any = {}) {
	        return new DomainReport(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.domain = source["domain"];
	        this.spf = this.convertValues(source["spf"], DomainFinding);
	        this.dkim = this.convertValues(source["dkim"], DomainFinding);
	        this.dmarc = this.convertValues(source["dmarc"], DomainFinding);
	        this.dkimName = source["dkimName"];
	        this.dkimRecord = source["dkimRecord"];
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
	export class ExcludedRequest {
	    query: marketing.ExcludedQuery;
	    selection: DocumentSelection;
	    frozenId: number;
	
	    static createFrom(source: any = {}) {
	        return new ExcludedRequest(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.query = this.convertValues(source["query"], marketing.ExcludedQuery);
	        this.selection = this.convertValues(source["selection"], DocumentSelection);
	        this.frozenId = source["frozenId"];
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
	export class GenerateOptions {
	    output: string;
	    campaign: string;
	
	    static createFrom(source: any = {}) {
	        return new GenerateOptions(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.output = source["output"];
	        this.campaign = source["campaign"];
	    }
	}
	export class InboxResult {
	    counts: Record<string, number>;
	    events: marketing.InboxEvent[];
	
	    static createFrom(source: any = {}) {
	        return new InboxResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.counts = source["counts"];
	        this.events = this.convertValues(source["events"], marketing.InboxEvent);
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
	
	export class ListContactsPage {
	    total: number;
	    items: marketing.ListContact[];
	
	    static createFrom(source: any = {}) {
	        return new ListContactsPage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.total = source["total"];
	        this.items = this.convertValues(source["items"], marketing.ListContact);
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
	export class NewestGood {
	    found: boolean;
	    backup: backup.Info;
	
	    static createFrom(source: any = {}) {
	        return new NewestGood(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.found = source["found"];
	        this.backup = this.convertValues(source["backup"], backup.Info);
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
	export class OverlapResult {
	    segments: segment.Saved[];
	    regions: number[];
	
	    static createFrom(source: any = {}) {
	        return new OverlapResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.segments = this.convertValues(source["segments"], segment.Saved);
	        this.regions = source["regions"];
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
	export class PersonExport {
	    files: marketing.ExportResult[];
	
	    static createFrom(source: any = {}) {
	        return new PersonExport(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.files = this.convertValues(source["files"], marketing.ExportResult);
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
	export class PrintRequest {
	    touchId: number;
	    output: string;
	    labels: boolean;
	    again: boolean;
	
	    static createFrom(source: any = {}) {
	        return new PrintRequest(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.touchId = source["touchId"];
	        this.output = source["output"];
	        this.labels = source["labels"];
	        this.again = source["again"];
	    }
	}
	export class PrintResult {
	    letters: marketing.DocumentRun;
	    labels?: marketing.DocumentRun;
	    download: string;
	    labelsDownload: string;
	    skipped: number;
	
	    static createFrom(source: any = {}) {
	        return new PrintResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.letters = this.convertValues(source["letters"], marketing.DocumentRun);
	        this.labels = this.convertValues(source["labels"], marketing.DocumentRun);
	        this.download = source["download"];
	        this.labelsDownload = source["labelsDownload"];
	        this.skipped = source["skipped"];
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
	export class RecipientPage {
	    rows: marketing.OutboxEntry[];
	    total: number;
	
	    static createFrom(source: any = {}) {
	        return new RecipientPage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.rows = this.convertValues(source["rows"], marketing.OutboxEntry);
	        this.total = source["total"];
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
	export class RegisterStatus {
	    register: string;
	    country: string;
	    fileName: string;
	    listDate: string;
	    importedAt: string;
	    entries: number;
	    matches: number;
	    refreshDays: number;
	    stale: boolean;
	    ageDays: number;
	    imported: boolean;
	
	    static createFrom(source: any = {}) {
	        return new RegisterStatus(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.register = source["register"];
	        this.country = source["country"];
	        this.fileName = source["fileName"];
	        this.listDate = source["listDate"];
	        this.importedAt = source["importedAt"];
	        this.entries = source["entries"];
	        this.matches = source["matches"];
	        this.refreshDays = source["refreshDays"];
	        this.stale = source["stale"];
	        this.ageDays = source["ageDays"];
	        this.imported = source["imported"];
	    }
	}
	export class RetentionStatus {
	    years: number;
	    due: number;
	
	    static createFrom(source: any = {}) {
	        return new RetentionStatus(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.years = source["years"];
	        this.due = source["due"];
	    }
	}
	export class RulesInfo {
	    country: string;
	    countries: CountryRulesDTO[];
	
	    static createFrom(source: any = {}) {
	        return new RulesInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.country = source["country"];
	        this.countries = this.convertValues(source["countries"], CountryRulesDTO);
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
	export class SMSExport {
	    result: campaign.SMSResult;
	    path: string;
	    download: string;
	
	    static createFrom(source: any = {}) {
	        return new SMSExport(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.result = this.convertValues(source["result"], campaign.SMSResult);
	        this.path = source["path"];
	        this.download = source["download"];
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
	export class SegmentResult {
	    count: number;
	    total: number;
	    ages: segment.Bucket[];
	    genders: segment.Bucket[];
	    regions: segment.Bucket[];
	    jobTitles: segment.Bucket[];
	    countries: segment.Bucket[];
	    sample: marketing.Contact[];
	    millis: number;
	
	    static createFrom(source: any = {}) {
	        return new SegmentResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.count = source["count"];
	        this.total = source["total"];
	        this.ages = this.convertValues(source["ages"], segment.Bucket);
	        this.genders = this.convertValues(source["genders"], segment.Bucket);
	        this.regions = this.convertValues(source["regions"], segment.Bucket);
	        this.jobTitles = this.convertValues(source["jobTitles"], segment.Bucket);
	        this.countries = this.convertValues(source["countries"], segment.Bucket);
	        this.sample = this.convertValues(source["sample"], marketing.Contact);
	        this.millis = source["millis"];
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
	export class SendRequest {
	    templateId: number;
	    accountId: number;
	    selection: DocumentSelection;
	    name: string;
	
	    static createFrom(source: any = {}) {
	        return new SendRequest(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.templateId = source["templateId"];
	        this.accountId = source["accountId"];
	        this.selection = this.convertValues(source["selection"], DocumentSelection);
	        this.name = source["name"];
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
	export class SuppressionListPage {
	    total: number;
	    items: marketing.SuppressionEntry[];
	    erased: number;
	
	    static createFrom(source: any = {}) {
	        return new SuppressionListPage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.total = source["total"];
	        this.items = this.convertValues(source["items"], marketing.SuppressionEntry);
	        this.erased = source["erased"];
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
	export class SuppressionPage {
	    rows: marketing.Suppression[];
	    total: number;
	
	    static createFrom(source: any = {}) {
	        return new SuppressionPage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.rows = this.convertValues(source["rows"], marketing.Suppression);
	        this.total = source["total"];
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

export namespace backup {
	
	export class Info {
	    name: string;
	    kind: string;
	    // Go type: time
	    time: any;
	    size: number;
	
	    static createFrom(source: any = {}) {
	        return new Info(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.kind = source["kind"];
	        this.time = this.convertValues(source["time"], null);
	        this.size = source["size"];
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
	export class Restored {
	    from: string;
	    aside: string;
	    contacts: number;
	    erased: number;
	    erasuresLost: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Restored(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.from = source["from"];
	        this.aside = source["aside"];
	        this.contacts = source["contacts"];
	        this.erased = source["erased"];
	        this.erasuresLost = source["erasuresLost"];
	    }
	}
	export class Status {
	    name: string;
	    ok: boolean;
	    result: string;
	    contacts: number;
	    newer: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Status(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.ok = source["ok"];
	        this.result = source["result"];
	        this.contacts = source["contacts"];
	        this.newer = source["newer"];
	    }
	}

}

export namespace campaign {
	
	export class AccessLogResult {
	    lines: number;
	    tracked: number;
	    matched: number;
	    added: number;
	    bad: number;
	
	    static createFrom(source: any = {}) {
	        return new AccessLogResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.lines = source["lines"];
	        this.tracked = source["tracked"];
	        this.matched = source["matched"];
	        this.added = source["added"];
	        this.bad = source["bad"];
	    }
	}
	export class CallOutcome {
	    workId: number;
	    outcome: string;
	    note: string;
	    callbackAt: string;
	    valueMinor: number;
	
	    static createFrom(source: any = {}) {
	        return new CallOutcome(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.workId = source["workId"];
	        this.outcome = source["outcome"];
	        this.note = source["note"];
	        this.callbackAt = source["callbackAt"];
	        this.valueMinor = source["valueMinor"];
	    }
	}
	export class DueTouch {
	    campaignId: number;
	    campaign: string;
	    touchId: number;
	    seq: number;
	    channel: string;
	    due: string;
	    released: boolean;
	    count: number;
	    printed: number;
	    labels: boolean;
	    callbacks: number;
	
	    static createFrom(source: any = {}) {
	        return new DueTouch(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.campaignId = source["campaignId"];
	        this.campaign = source["campaign"];
	        this.touchId = source["touchId"];
	        this.seq = source["seq"];
	        this.channel = source["channel"];
	        this.due = source["due"];
	        this.released = source["released"];
	        this.count = source["count"];
	        this.printed = source["printed"];
	        this.labels = source["labels"];
	        this.callbacks = source["callbacks"];
	    }
	}
	export class NewResponse {
	    code: string;
	    campaignId: number;
	    contactId: number;
	    kind: string;
	    source: string;
	    at: string;
	    detail: string;
	    ref: string;
	    valueMinor: number;
	    fulfil: string;
	    fulfilDays: number;
	    touchId: number;
	
	    static createFrom(source: any = {}) {
	        return new NewResponse(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.code = source["code"];
	        this.campaignId = source["campaignId"];
	        this.contactId = source["contactId"];
	        this.kind = source["kind"];
	        this.source = source["source"];
	        this.at = source["at"];
	        this.detail = source["detail"];
	        this.ref = source["ref"];
	        this.valueMinor = source["valueMinor"];
	        this.fulfil = source["fulfil"];
	        this.fulfilDays = source["fulfilDays"];
	        this.touchId = source["touchId"];
	    }
	}
	export class Redemption {
	    code: string;
	    contactId: number;
	    contactName: string;
	    city: string;
	    email: string;
	    campaignId: number;
	    campaign: string;
	    touchId: number;
	    touchSeq: number;
	    channel: string;
	    group: string;
	    previous: marketing.Response[];
	
	    static createFrom(source: any = {}) {
	        return new Redemption(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.code = source["code"];
	        this.contactId = source["contactId"];
	        this.contactName = source["contactName"];
	        this.city = source["city"];
	        this.email = source["email"];
	        this.campaignId = source["campaignId"];
	        this.campaign = source["campaign"];
	        this.touchId = source["touchId"];
	        this.touchSeq = source["touchSeq"];
	        this.channel = source["channel"];
	        this.group = source["group"];
	        this.previous = this.convertValues(source["previous"], marketing.Response);
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
	export class ReleasedTouch {
	    campaignId: number;
	    touchId: number;
	    channel: string;
	    count: number;
	    skipped: number;
	
	    static createFrom(source: any = {}) {
	        return new ReleasedTouch(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.campaignId = source["campaignId"];
	        this.touchId = source["touchId"];
	        this.channel = source["channel"];
	        this.count = source["count"];
	        this.skipped = source["skipped"];
	    }
	}
	export class Released {
	    touches: ReleasedTouch[];
	
	    static createFrom(source: any = {}) {
	        return new Released(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.touches = this.convertValues(source["touches"], ReleasedTouch);
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
	
	export class ResponseMapping {
	    code: number;
	    email: number;
	    phone: number;
	    customerNo: number;
	    value: number;
	    date: number;
	    orderNo: number;
	    sheet: string;
	    headerRow: number;
	    campaignId: number;
	    kind: string;
	
	    static createFrom(source: any = {}) {
	        return new ResponseMapping(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.code = source["code"];
	        this.email = source["email"];
	        this.phone = source["phone"];
	        this.customerNo = source["customerNo"];
	        this.value = source["value"];
	        this.date = source["date"];
	        this.orderNo = source["orderNo"];
	        this.sheet = source["sheet"];
	        this.headerRow = source["headerRow"];
	        this.campaignId = source["campaignId"];
	        this.kind = source["kind"];
	    }
	}
	export class ResponseFilePreview {
	    sheets: string[];
	    columns: string[];
	    sample: string[][];
	    rows: number;
	    mapping: ResponseMapping;
	
	    static createFrom(source: any = {}) {
	        return new ResponseFilePreview(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.sheets = source["sheets"];
	        this.columns = source["columns"];
	        this.sample = source["sample"];
	        this.rows = source["rows"];
	        this.mapping = this.convertValues(source["mapping"], ResponseMapping);
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
	export class RowProblem {
	    row: number;
	    reason: string;
	    value: string;
	    message: string;
	
	    static createFrom(source: any = {}) {
	        return new RowProblem(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.row = source["row"];
	        this.reason = source["reason"];
	        this.value = source["value"];
	        this.message = source["message"];
	    }
	}
	export class ResponseImportResult {
	    rows: number;
	    added: number;
	    duplicates: number;
	    unmatched: number;
	    valueMinor: number;
	    problems: RowProblem[];
	
	    static createFrom(source: any = {}) {
	        return new ResponseImportResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.rows = source["rows"];
	        this.added = source["added"];
	        this.duplicates = source["duplicates"];
	        this.unmatched = source["unmatched"];
	        this.valueMinor = source["valueMinor"];
	        this.problems = this.convertValues(source["problems"], RowProblem);
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
	
	export class ResponsePage {
	    items: marketing.Response[];
	    total: number;
	
	    static createFrom(source: any = {}) {
	        return new ResponsePage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.items = this.convertValues(source["items"], marketing.Response);
	        this.total = source["total"];
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
	export class ResponseQuery {
	    campaignId: number;
	    contactId: number;
	    offset: number;
	    limit: number;
	
	    static createFrom(source: any = {}) {
	        return new ResponseQuery(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.campaignId = source["campaignId"];
	        this.contactId = source["contactId"];
	        this.offset = source["offset"];
	        this.limit = source["limit"];
	    }
	}
	
	export class SMSPreview {
	    text: string;
	    encoding: string;
	    chars: number;
	    parts: number;
	    missing: string[];
	
	    static createFrom(source: any = {}) {
	        return new SMSPreview(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.text = source["text"];
	        this.encoding = source["encoding"];
	        this.chars = source["chars"];
	        this.parts = source["parts"];
	        this.missing = source["missing"];
	    }
	}
	export class SMSResult {
	    rows: number;
	    parts: number;
	    costMinor: number;
	    skipped: Record<string, number>;
	
	    static createFrom(source: any = {}) {
	        return new SMSResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.rows = source["rows"];
	        this.parts = source["parts"];
	        this.costMinor = source["costMinor"];
	        this.skipped = source["skipped"];
	    }
	}
	export class Summary {
	    campaign: marketing.Campaign;
	    target: number;
	    control: number;
	    sent: number;
	    responses: number;
	    revenueMinor: number;
	    costMinor: number;
	    nextDue: string;
	    nextChannel: string;
	
	    static createFrom(source: any = {}) {
	        return new Summary(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.campaign = this.convertValues(source["campaign"], marketing.Campaign);
	        this.target = source["target"];
	        this.control = source["control"];
	        this.sent = source["sent"];
	        this.responses = source["responses"];
	        this.revenueMinor = source["revenueMinor"];
	        this.costMinor = source["costMinor"];
	        this.nextDue = source["nextDue"];
	        this.nextChannel = source["nextChannel"];
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
	export class Warning {
	    code: string;
	    campaignId: number;
	    campaign: string;
	    params: Record<string, string>;
	
	    static createFrom(source: any = {}) {
	        return new Warning(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.code = source["code"];
	        this.campaignId = source["campaignId"];
	        this.campaign = source["campaign"];
	        this.params = source["params"];
	    }
	}
	export class Today {
	    date: string;
	    due: DueTouch[];
	    fulfilments: marketing.FulfilmentTask[];
	    newResponses: number;
	    warnings: Warning[];
	
	    static createFrom(source: any = {}) {
	        return new Today(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.date = source["date"];
	        this.due = this.convertValues(source["due"], DueTouch);
	        this.fulfilments = this.convertValues(source["fulfilments"], marketing.FulfilmentTask);
	        this.newResponses = source["newResponses"];
	        this.warnings = this.convertValues(source["warnings"], Warning);
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
	
	export class WorkPage {
	    items: marketing.WorkItem[];
	    total: number;
	    counts: Record<string, number>;
	
	    static createFrom(source: any = {}) {
	        return new WorkPage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.items = this.convertValues(source["items"], marketing.WorkItem);
	        this.total = source["total"];
	        this.counts = source["counts"];
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
	export class WorkQuery {
	    touchId: number;
	    state: string;
	    query: string;
	    offset: number;
	    limit: number;
	
	    static createFrom(source: any = {}) {
	        return new WorkQuery(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.touchId = source["touchId"];
	        this.state = source["state"];
	        this.query = source["query"];
	        this.offset = source["offset"];
	        this.limit = source["limit"];
	    }
	}

}

export namespace document {
	
	export class ContactProblem {
	    contactId: number;
	    name: string;
	    reason: string;
	    detail: string;
	
	    static createFrom(source: any = {}) {
	        return new ContactProblem(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.contactId = source["contactId"];
	        this.name = source["name"];
	        this.reason = source["reason"];
	        this.detail = source["detail"];
	    }
	}
	export class ContactRef {
	    id: number;
	    name: string;
	
	    static createFrom(source: any = {}) {
	        return new ContactRef(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	    }
	}
	export class Gap {
	    key: string;
	    kind: string;
	    count: number;
	    contacts: ContactRef[];
	
	    static createFrom(source: any = {}) {
	        return new Gap(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.kind = source["kind"];
	        this.count = source["count"];
	        this.contacts = this.convertValues(source["contacts"], ContactRef);
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
	export class PreflightReport {
	    recipients: number;
	    ready: number;
	    gaps: Gap[];
	    warnings: string[];
	    excluded: Record<string, number>;
	
	    static createFrom(source: any = {}) {
	        return new PreflightReport(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.recipients = source["recipients"];
	        this.ready = source["ready"];
	        this.gaps = this.convertValues(source["gaps"], Gap);
	        this.warnings = source["warnings"];
	        this.excluded = source["excluded"];
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
	export class Problem {
	    reason: string;
	    detail: string;
	
	    static createFrom(source: any = {}) {
	        return new Problem(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.reason = source["reason"];
	        this.detail = source["detail"];
	    }
	}
	export class Preview {
	    contactId: number;
	    name: string;
	    index: number;
	    total: number;
	    html: string;
	    address: string[];
	    date: string;
	    variant: string;
	    variantIndex: number;
	    missing: string[];
	    problems: Problem[];
	
	    static createFrom(source: any = {}) {
	        return new Preview(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.contactId = source["contactId"];
	        this.name = source["name"];
	        this.index = source["index"];
	        this.total = source["total"];
	        this.html = source["html"];
	        this.address = source["address"];
	        this.date = source["date"];
	        this.variant = source["variant"];
	        this.variantIndex = source["variantIndex"];
	        this.missing = source["missing"];
	        this.problems = this.convertValues(source["problems"], Problem);
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
	
	export class SheetInfo {
	    name: string;
	    columns: number;
	    rows: number;
	    width: number;
	    height: number;
	    top: number;
	    left: number;
	    gapX: number;
	    gapY: number;
	    paperW: number;
	    paperH: number;
	    envelope: boolean;
	
	    static createFrom(source: any = {}) {
	        return new SheetInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.columns = source["columns"];
	        this.rows = source["rows"];
	        this.width = source["width"];
	        this.height = source["height"];
	        this.top = source["top"];
	        this.left = source["left"];
	        this.gapX = source["gapX"];
	        this.gapY = source["gapY"];
	        this.paperW = source["paperW"];
	        this.paperH = source["paperH"];
	        this.envelope = source["envelope"];
	    }
	}

}

export namespace exporter {
	
	export class AudienceResult {
	    path: string;
	    name: string;
	    rows: number;
	    skipped: number;
	    excluded: Record<string, number>;
	
	    static createFrom(source: any = {}) {
	        return new AudienceResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.path = source["path"];
	        this.name = source["name"];
	        this.rows = source["rows"];
	        this.skipped = source["skipped"];
	        this.excluded = source["excluded"];
	    }
	}

}

export namespace marketing {
	
	export class AreaCount {
	    key: string;
	    count: number;
	
	    static createFrom(source: any = {}) {
	        return new AreaCount(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.count = source["count"];
	    }
	}
	export class AuditEntry {
	    id: number;
	    at: string;
	    action: string;
	    contactId: number;
	    detail: Record<string, string>;
	    by: string;
	
	    static createFrom(source: any = {}) {
	        return new AuditEntry(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.at = source["at"];
	        this.action = source["action"];
	        this.contactId = source["contactId"];
	        this.detail = source["detail"];
	        this.by = source["by"];
	    }
	}
	export class AuditPage {
	    total: number;
	    items: AuditEntry[];
	
	    static createFrom(source: any = {}) {
	        return new AuditPage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.total = source["total"];
	        this.items = this.convertValues(source["items"], AuditEntry);
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
	export class Touch {
	    id: number;
	    campaignId: number;
	    seq: number;
	    name: string;
	    channel: string;
	    templateId: number;
	    templateVersion: number;
	    labelTemplateId: number;
	    accountId: number;
	    smsText: string;
	    script: string;
	    dueDate: string;
	    offsetDays: number;
	    unitCostMinor: number;
	    expectedRate: number;
	    releasedAt: string;
	    finishedAt: string;
	
	    static createFrom(source: any = {}) {
	        return new Touch(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.campaignId = source["campaignId"];
	        this.seq = source["seq"];
	        this.name = source["name"];
	        this.channel = source["channel"];
	        this.templateId = source["templateId"];
	        this.templateVersion = source["templateVersion"];
	        this.labelTemplateId = source["labelTemplateId"];
	        this.accountId = source["accountId"];
	        this.smsText = source["smsText"];
	        this.script = source["script"];
	        this.dueDate = source["dueDate"];
	        this.offsetDays = source["offsetDays"];
	        this.unitCostMinor = source["unitCostMinor"];
	        this.expectedRate = source["expectedRate"];
	        this.releasedAt = source["releasedAt"];
	        this.finishedAt = source["finishedAt"];
	    }
	}
	export class Campaign {
	    id: number;
	    name: string;
	    kind: string;
	    status: string;
	    goal: string;
	    kpi: string;
	    budgetMinor: number;
	    currency: string;
	    orderValueMinor: number;
	    marginPct: number;
	    segmentId: number;
	    selection: string;
	    controlPct: number;
	    stopOn: string[];
	    pressureMax: number;
	    pressureDays: number;
	    attributionDays: number;
	    startDate: string;
	    notes: string;
	    touches: Touch[];
	    pauseReason: string;
	    createdAt: string;
	    updatedAt: string;
	    launchedAt: string;
	    startedAt: string;
	    finishedAt: string;
	
	    static createFrom(source: any = {}) {
	        return new Campaign(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.kind = source["kind"];
	        this.status = source["status"];
	        this.goal = source["goal"];
	        this.kpi = source["kpi"];
	        this.budgetMinor = source["budgetMinor"];
	        this.currency = source["currency"];
	        this.orderValueMinor = source["orderValueMinor"];
	        this.marginPct = source["marginPct"];
	        this.segmentId = source["segmentId"];
	        this.selection = source["selection"];
	        this.controlPct = source["controlPct"];
	        this.stopOn = source["stopOn"];
	        this.pressureMax = source["pressureMax"];
	        this.pressureDays = source["pressureDays"];
	        this.attributionDays = source["attributionDays"];
	        this.startDate = source["startDate"];
	        this.notes = source["notes"];
	        this.touches = this.convertValues(source["touches"], Touch);
	        this.pauseReason = source["pauseReason"];
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	        this.launchedAt = source["launchedAt"];
	        this.startedAt = source["startedAt"];
	        this.finishedAt = source["finishedAt"];
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
	export class Error {
	    code: string;
	    message: string;
	    field?: string;
	    row?: number;
	    details?: Record<string, string>;
	
	    static createFrom(source: any = {}) {
	        return new Error(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.code = source["code"];
	        this.message = source["message"];
	        this.field = source["field"];
	        this.row = source["row"];
	        this.details = source["details"];
	    }
	}
	export class TouchForecast {
	    seq: number;
	    channel: string;
	    due: string;
	    reach: number;
	    costMinor: number;
	    exclusions: Exclusion[];
	    smsParts: number;
	
	    static createFrom(source: any = {}) {
	        return new TouchForecast(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.seq = source["seq"];
	        this.channel = source["channel"];
	        this.due = source["due"];
	        this.reach = source["reach"];
	        this.costMinor = source["costMinor"];
	        this.exclusions = this.convertValues(source["exclusions"], Exclusion);
	        this.smsParts = source["smsParts"];
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
	export class ContactRef {
	    id: number;
	    name: string;
	
	    static createFrom(source: any = {}) {
	        return new ContactRef(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	    }
	}
	export class Exclusion {
	    reason: string;
	    count: number;
	    contacts: ContactRef[];
	
	    static createFrom(source: any = {}) {
	        return new Exclusion(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.reason = source["reason"];
	        this.count = source["count"];
	        this.contacts = this.convertValues(source["contacts"], ContactRef);
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
	export class CampaignPreflight {
	    segment: number;
	    target: number;
	    control: number;
	    exclusions: Exclusion[];
	    touches: TouchForecast[];
	    costMinor: number;
	    breakEvenRate: number;
	    expectedResponses: number;
	    expectedProfitMinor: number;
	    overBudget: boolean;
	    warnings: string[];
	    problems: Error[];
	
	    static createFrom(source: any = {}) {
	        return new CampaignPreflight(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.segment = source["segment"];
	        this.target = source["target"];
	        this.control = source["control"];
	        this.exclusions = this.convertValues(source["exclusions"], Exclusion);
	        this.touches = this.convertValues(source["touches"], TouchForecast);
	        this.costMinor = source["costMinor"];
	        this.breakEvenRate = source["breakEvenRate"];
	        this.expectedResponses = source["expectedResponses"];
	        this.expectedProfitMinor = source["expectedProfitMinor"];
	        this.overBudget = source["overBudget"];
	        this.warnings = source["warnings"];
	        this.problems = this.convertValues(source["problems"], Error);
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
	export class Finding {
	    code: string;
	    params: Record<string, string>;
	    text: string;
	
	    static createFrom(source: any = {}) {
	        return new Finding(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.code = source["code"];
	        this.params = source["params"];
	        this.text = source["text"];
	    }
	}
	export class LifecycleMove {
	    from: string;
	    to: string;
	    count: number;
	
	    static createFrom(source: any = {}) {
	        return new LifecycleMove(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.from = source["from"];
	        this.to = source["to"];
	        this.count = source["count"];
	    }
	}
	export class LTVMovement {
	    targetBeforeMinor: number;
	    targetSinceMinor: number;
	    controlBeforeMinor: number;
	    controlSinceMinor: number;
	    targetLifetimeMinor: number;
	    sinceDays: number;
	
	    static createFrom(source: any = {}) {
	        return new LTVMovement(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.targetBeforeMinor = source["targetBeforeMinor"];
	        this.targetSinceMinor = source["targetSinceMinor"];
	        this.controlBeforeMinor = source["controlBeforeMinor"];
	        this.controlSinceMinor = source["controlSinceMinor"];
	        this.targetLifetimeMinor = source["targetLifetimeMinor"];
	        this.sinceDays = source["sinceDays"];
	    }
	}
	export class Uplift {
	    measured: boolean;
	    targetN: number;
	    targetBuyers: number;
	    controlN: number;
	    controlBuyers: number;
	    targetRate: number;
	    controlRate: number;
	    uplift: number;
	    low: number;
	    high: number;
	    p: number;
	    test: string;
	    verdict: string;
	    targetRevenuePerPersonMinor: number;
	    controlRevenuePerPersonMinor: number;
	    incrementalRevenueMinor: number;
	
	    static createFrom(source: any = {}) {
	        return new Uplift(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.measured = source["measured"];
	        this.targetN = source["targetN"];
	        this.targetBuyers = source["targetBuyers"];
	        this.controlN = source["controlN"];
	        this.controlBuyers = source["controlBuyers"];
	        this.targetRate = source["targetRate"];
	        this.controlRate = source["controlRate"];
	        this.uplift = source["uplift"];
	        this.low = source["low"];
	        this.high = source["high"];
	        this.p = source["p"];
	        this.test = source["test"];
	        this.verdict = source["verdict"];
	        this.targetRevenuePerPersonMinor = source["targetRevenuePerPersonMinor"];
	        this.controlRevenuePerPersonMinor = source["controlRevenuePerPersonMinor"];
	        this.incrementalRevenueMinor = source["incrementalRevenueMinor"];
	    }
	}
	export class DailyPoint {
	    date: string;
	    responses: number;
	    orders: number;
	    revenueMinor: number;
	
	    static createFrom(source: any = {}) {
	        return new DailyPoint(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.date = source["date"];
	        this.responses = source["responses"];
	        this.orders = source["orders"];
	        this.revenueMinor = source["revenueMinor"];
	    }
	}
	export class FollowUpPoint {
	    seq: number;
	    channel: string;
	    responses: number;
	    orders: number;
	    revenueMinor: number;
	    cumulativeShare: number;
	
	    static createFrom(source: any = {}) {
	        return new FollowUpPoint(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.seq = source["seq"];
	        this.channel = source["channel"];
	        this.responses = source["responses"];
	        this.orders = source["orders"];
	        this.revenueMinor = source["revenueMinor"];
	        this.cumulativeShare = source["cumulativeShare"];
	    }
	}
	export class ResultLine {
	    key: string;
	    label: string;
	    channel: string;
	    seq: number;
	    due: string;
	    recipients: number;
	    sent: number;
	    delivered: number;
	    bounced: number;
	    responses: number;
	    orders: number;
	    clicks: number;
	    opens: number;
	    revenueMinor: number;
	    costMinor: number;
	    responseRate: number;
	    orderRate: number;
	    costPerResponseMinor: number;
	    costPerOrderMinor: number;
	    profitMinor: number;
	    roi: number;
	    breakEvenRate: number;
	
	    static createFrom(source: any = {}) {
	        return new ResultLine(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.label = source["label"];
	        this.channel = source["channel"];
	        this.seq = source["seq"];
	        this.due = source["due"];
	        this.recipients = source["recipients"];
	        this.sent = source["sent"];
	        this.delivered = source["delivered"];
	        this.bounced = source["bounced"];
	        this.responses = source["responses"];
	        this.orders = source["orders"];
	        this.clicks = source["clicks"];
	        this.opens = source["opens"];
	        this.revenueMinor = source["revenueMinor"];
	        this.costMinor = source["costMinor"];
	        this.responseRate = source["responseRate"];
	        this.orderRate = source["orderRate"];
	        this.costPerResponseMinor = source["costPerResponseMinor"];
	        this.costPerOrderMinor = source["costPerOrderMinor"];
	        this.profitMinor = source["profitMinor"];
	        this.roi = source["roi"];
	        this.breakEvenRate = source["breakEvenRate"];
	    }
	}
	export class CampaignResults {
	    campaignId: number;
	    name: string;
	    status: string;
	    currency: string;
	    asOf: string;
	    totals: ResultLine;
	    touches: ResultLine[];
	    segments: ResultLine[];
	    channels: ResultLine[];
	    followUp: FollowUpPoint[];
	    daily: DailyPoint[];
	    uplift: Uplift;
	    ltv: LTVMovement;
	    lifecycle: LifecycleMove[];
	    openFulfilments: number;
	    fulfilmentDays: number;
	    findings: Finding[];
	
	    static createFrom(source: any = {}) {
	        return new CampaignResults(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.campaignId = source["campaignId"];
	        this.name = source["name"];
	        this.status = source["status"];
	        this.currency = source["currency"];
	        this.asOf = source["asOf"];
	        this.totals = this.convertValues(source["totals"], ResultLine);
	        this.touches = this.convertValues(source["touches"], ResultLine);
	        this.segments = this.convertValues(source["segments"], ResultLine);
	        this.channels = this.convertValues(source["channels"], ResultLine);
	        this.followUp = this.convertValues(source["followUp"], FollowUpPoint);
	        this.daily = this.convertValues(source["daily"], DailyPoint);
	        this.uplift = this.convertValues(source["uplift"], Uplift);
	        this.ltv = this.convertValues(source["ltv"], LTVMovement);
	        this.lifecycle = this.convertValues(source["lifecycle"], LifecycleMove);
	        this.openFulfilments = source["openFulfilments"];
	        this.fulfilmentDays = source["fulfilmentDays"];
	        this.findings = this.convertValues(source["findings"], Finding);
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
	export class CatalogVariant {
	    segment: string;
	    title: string;
	    categories: string[];
	    skus: string[];
	    discount: number;
	
	    static createFrom(source: any = {}) {
	        return new CatalogVariant(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.segment = source["segment"];
	        this.title = source["title"];
	        this.categories = source["categories"];
	        this.skus = source["skus"];
	        this.discount = source["discount"];
	    }
	}
	export class CatalogLayout {
	    title: string;
	    season: string;
	    grid: string;
	    contents: boolean;
	    intro: boolean;
	    reply: boolean;
	    variants: CatalogVariant[];
	
	    static createFrom(source: any = {}) {
	        return new CatalogLayout(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.title = source["title"];
	        this.season = source["season"];
	        this.grid = source["grid"];
	        this.contents = source["contents"];
	        this.intro = source["intro"];
	        this.reply = source["reply"];
	        this.variants = this.convertValues(source["variants"], CatalogVariant);
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
	
	export class ChannelRule {
	    channel: string;
	    needsConsent: boolean;
	    customerException: boolean;
	    register: string;
	
	    static createFrom(source: any = {}) {
	        return new ChannelRule(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.channel = source["channel"];
	        this.needsConsent = source["needsConsent"];
	        this.customerException = source["customerException"];
	        this.register = source["register"];
	    }
	}
	export class Consent {
	    channel: string;
	    status: string;
	    at: string;
	    method: string;
	    evidence: string;
	
	    static createFrom(source: any = {}) {
	        return new Consent(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.channel = source["channel"];
	        this.status = source["status"];
	        this.at = source["at"];
	        this.method = source["method"];
	        this.evidence = source["evidence"];
	    }
	}
	export class ChannelConsent {
	    channel: string;
	    current?: Consent;
	    rule: ChannelRule;
	    reason: string;
	    basis: string;
	
	    static createFrom(source: any = {}) {
	        return new ChannelConsent(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.channel = source["channel"];
	        this.current = this.convertValues(source["current"], Consent);
	        this.rule = this.convertValues(source["rule"], ChannelRule);
	        this.reason = source["reason"];
	        this.basis = source["basis"];
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
	
	export class ColumnMapping {
	    column: number;
	    header: string;
	    field: string;
	
	    static createFrom(source: any = {}) {
	        return new ColumnMapping(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.column = source["column"];
	        this.header = source["header"];
	        this.field = source["field"];
	    }
	}
	
	export class ConsentEvent {
	    id: number;
	    contactId: number;
	    channel: string;
	    status: string;
	    at: string;
	    recordedAt: string;
	    method: string;
	    source: string;
	    wording: string;
	    by: string;
	
	    static createFrom(source: any = {}) {
	        return new ConsentEvent(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.contactId = source["contactId"];
	        this.channel = source["channel"];
	        this.status = source["status"];
	        this.at = source["at"];
	        this.recordedAt = source["recordedAt"];
	        this.method = source["method"];
	        this.source = source["source"];
	        this.wording = source["wording"];
	        this.by = source["by"];
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
	    origin: string;
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
	        this.origin = source["origin"];
	        this.tags = source["tags"];
	        this.custom = source["custom"];
	        this.notes = source["notes"];
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	    }
	}
	export class ContactConsent {
	    contactId: number;
	    country: string;
	    countryFromWorkspace: boolean;
	    kind: string;
	    register: string;
	    erased: boolean;
	    fromList: boolean;
	    channels: ChannelConsent[];
	    history: ConsentEvent[];
	
	    static createFrom(source: any = {}) {
	        return new ContactConsent(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.contactId = source["contactId"];
	        this.country = source["country"];
	        this.countryFromWorkspace = source["countryFromWorkspace"];
	        this.kind = source["kind"];
	        this.register = source["register"];
	        this.erased = source["erased"];
	        this.fromList = source["fromList"];
	        this.channels = this.convertValues(source["channels"], ChannelConsent);
	        this.history = this.convertValues(source["history"], ConsentEvent);
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
	
	
	export class DocumentRun {
	    id: number;
	    kind: string;
	    templateId: number;
	    templateName: string;
	    templateVersion: number;
	    campaign: string;
	    selection: string;
	    output: string;
	    path: string;
	    recipients: number;
	    pages: number;
	    skipped: number;
	    createdAt: string;
	
	    static createFrom(source: any = {}) {
	        return new DocumentRun(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.kind = source["kind"];
	        this.templateId = source["templateId"];
	        this.templateName = source["templateName"];
	        this.templateVersion = source["templateVersion"];
	        this.campaign = source["campaign"];
	        this.selection = source["selection"];
	        this.output = source["output"];
	        this.path = source["path"];
	        this.recipients = source["recipients"];
	        this.pages = source["pages"];
	        this.skipped = source["skipped"];
	        this.createdAt = source["createdAt"];
	    }
	}
	export class DuplicateSuggestion {
	    row: number;
	    incoming: Contact;
	    existing: Contact;
	    by: string;
	
	    static createFrom(source: any = {}) {
	        return new DuplicateSuggestion(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.row = source["row"];
	        this.incoming = this.convertValues(source["incoming"], Contact);
	        this.existing = this.convertValues(source["existing"], Contact);
	        this.by = source["by"];
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
	export class EmailAttachment {
	    kind: string;
	    templateId?: number;
	    fileName: string;
	    version?: number;
	
	    static createFrom(source: any = {}) {
	        return new EmailAttachment(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.templateId = source["templateId"];
	        this.fileName = source["fileName"];
	        this.version = source["version"];
	    }
	}
	export class EmailBlock {
	    kind: string;
	    text?: string;
	    image?: string;
	    alt?: string;
	    url?: string;
	    productId?: number;
	
	    static createFrom(source: any = {}) {
	        return new EmailBlock(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.text = source["text"];
	        this.image = source["image"];
	        this.alt = source["alt"];
	        this.url = source["url"];
	        this.productId = source["productId"];
	    }
	}
	export class EmailLayout {
	    subject: string;
	    preheader: string;
	    blocks: EmailBlock[];
	    attachments: EmailAttachment[];
	
	    static createFrom(source: any = {}) {
	        return new EmailLayout(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.subject = source["subject"];
	        this.preheader = source["preheader"];
	        this.blocks = this.convertValues(source["blocks"], EmailBlock);
	        this.attachments = this.convertValues(source["attachments"], EmailAttachment);
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
	export class ErasureResult {
	    contactId: number;
	    counts: Record<string, number>;
	    hashes: number;
	    files: number;
	    backup: string;
	    scrubPending: boolean;
	
	    static createFrom(source: any = {}) {
	        return new ErasureResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.contactId = source["contactId"];
	        this.counts = source["counts"];
	        this.hashes = source["hashes"];
	        this.files = source["files"];
	        this.backup = source["backup"];
	        this.scrubPending = source["scrubPending"];
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
	export class ExcludedPerson {
	    contactId: number;
	    name: string;
	    reason: string;
	    detail: string;
	
	    static createFrom(source: any = {}) {
	        return new ExcludedPerson(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.contactId = source["contactId"];
	        this.name = source["name"];
	        this.reason = source["reason"];
	        this.detail = source["detail"];
	    }
	}
	export class ExcludedPage {
	    items: ExcludedPerson[];
	    total: number;
	
	    static createFrom(source: any = {}) {
	        return new ExcludedPage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.items = this.convertValues(source["items"], ExcludedPerson);
	        this.total = source["total"];
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
	
	export class ExcludedQuery {
	    source: string;
	    campaignId: number;
	    touch: number;
	    touchId: number;
	    channel: string;
	    reason: string;
	    offset: number;
	    limit: number;
	
	    static createFrom(source: any = {}) {
	        return new ExcludedQuery(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.source = source["source"];
	        this.campaignId = source["campaignId"];
	        this.touch = source["touch"];
	        this.touchId = source["touchId"];
	        this.channel = source["channel"];
	        this.reason = source["reason"];
	        this.offset = source["offset"];
	        this.limit = source["limit"];
	    }
	}
	
	export class ExportResult {
	    path: string;
	    name: string;
	    rows: number;
	
	    static createFrom(source: any = {}) {
	        return new ExportResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.path = source["path"];
	        this.name = source["name"];
	        this.rows = source["rows"];
	    }
	}
	
	
	export class FulfilmentTask {
	    id: number;
	    responseId: number;
	    campaignId: number;
	    campaign: string;
	    contactId: number;
	    contactName: string;
	    kind: string;
	    dueDate: string;
	    note: string;
	    createdAt: string;
	    doneAt: string;
	
	    static createFrom(source: any = {}) {
	        return new FulfilmentTask(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.responseId = source["responseId"];
	        this.campaignId = source["campaignId"];
	        this.campaign = source["campaign"];
	        this.contactId = source["contactId"];
	        this.contactName = source["contactName"];
	        this.kind = source["kind"];
	        this.dueDate = source["dueDate"];
	        this.note = source["note"];
	        this.createdAt = source["createdAt"];
	        this.doneAt = source["doneAt"];
	    }
	}
	export class ImportCounts {
	    rows: number;
	    new: number;
	    updated: number;
	    unchanged: number;
	    skipped: number;
	    duplicatesInFile: number;
	    duplicatesExisting: number;
	    invalid: number;
	    suggested: number;
	
	    static createFrom(source: any = {}) {
	        return new ImportCounts(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.rows = source["rows"];
	        this.new = source["new"];
	        this.updated = source["updated"];
	        this.unchanged = source["unchanged"];
	        this.skipped = source["skipped"];
	        this.duplicatesInFile = source["duplicatesInFile"];
	        this.duplicatesExisting = source["duplicatesExisting"];
	        this.invalid = source["invalid"];
	        this.suggested = source["suggested"];
	    }
	}
	export class ListTerms {
	    supplier: string;
	    acquiredOn: string;
	    licence: string;
	    expiresOn: string;
	    legalBasis: string;
	
	    static createFrom(source: any = {}) {
	        return new ListTerms(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.supplier = source["supplier"];
	        this.acquiredOn = source["acquiredOn"];
	        this.licence = source["licence"];
	        this.expiresOn = source["expiresOn"];
	        this.legalBasis = source["legalBasis"];
	    }
	}
	export class ImportOptions {
	    mapping: ImportMapping;
	    policy: string;
	    matchNamePostcode: boolean;
	    tag: string;
	    listKind: string;
	    list?: ListTerms;
	    currency: string;
	    imageFolder: string;
	
	    static createFrom(source: any = {}) {
	        return new ImportOptions(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.mapping = this.convertValues(source["mapping"], ImportMapping);
	        this.policy = source["policy"];
	        this.matchNamePostcode = source["matchNamePostcode"];
	        this.tag = source["tag"];
	        this.listKind = source["listKind"];
	        this.list = this.convertValues(source["list"], ListTerms);
	        this.currency = source["currency"];
	        this.imageFolder = source["imageFolder"];
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
	export class ImportMapping {
	    kind: string;
	    sheet: string;
	    headerRow: number;
	    columns: ColumnMapping[];
	
	    static createFrom(source: any = {}) {
	        return new ImportMapping(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.sheet = source["sheet"];
	        this.headerRow = source["headerRow"];
	        this.columns = this.convertValues(source["columns"], ColumnMapping);
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
	export class ImportBatch {
	    id: number;
	    kind: string;
	    fileName: string;
	    size: number;
	    sha256: string;
	    startedAt: string;
	    finishedAt: string;
	    mapping: ImportMapping;
	    options: ImportOptions;
	    counts: ImportCounts;
	    undoneAt: string;
	    undoKept: number;
	    seconds: number;
	
	    static createFrom(source: any = {}) {
	        return new ImportBatch(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.kind = source["kind"];
	        this.fileName = source["fileName"];
	        this.size = source["size"];
	        this.sha256 = source["sha256"];
	        this.startedAt = source["startedAt"];
	        this.finishedAt = source["finishedAt"];
	        this.mapping = this.convertValues(source["mapping"], ImportMapping);
	        this.options = this.convertValues(source["options"], ImportOptions);
	        this.counts = this.convertValues(source["counts"], ImportCounts);
	        this.undoneAt = source["undoneAt"];
	        this.undoKept = source["undoKept"];
	        this.seconds = source["seconds"];
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
	export class ImportColumn {
	    index: number;
	    header: string;
	    samples: string[];
	
	    static createFrom(source: any = {}) {
	        return new ImportColumn(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.index = source["index"];
	        this.header = source["header"];
	        this.samples = source["samples"];
	    }
	}
	
	export class ImportField {
	    key: string;
	    group: string;
	    compound?: boolean;
	
	    static createFrom(source: any = {}) {
	        return new ImportField(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.group = source["group"];
	        this.compound = source["compound"];
	    }
	}
	export class ImportSheet {
	    name: string;
	    rows: number;
	    cols: number;
	    hidden: boolean;
	
	    static createFrom(source: any = {}) {
	        return new ImportSheet(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.rows = source["rows"];
	        this.cols = source["cols"];
	        this.hidden = source["hidden"];
	    }
	}
	export class ImportInspection {
	    fileName: string;
	    size: number;
	    format: string;
	    encoding: string;
	    delimiter: string;
	    sheets: ImportSheet[];
	    sheet: string;
	    headerRow: number;
	    rows: number;
	    columns: ImportColumn[];
	    mapping: ImportMapping;
	    remembered: boolean;
	    fields: ImportField[];
	    top: string[][];
	
	    static createFrom(source: any = {}) {
	        return new ImportInspection(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.fileName = source["fileName"];
	        this.size = source["size"];
	        this.format = source["format"];
	        this.encoding = source["encoding"];
	        this.delimiter = source["delimiter"];
	        this.sheets = this.convertValues(source["sheets"], ImportSheet);
	        this.sheet = source["sheet"];
	        this.headerRow = source["headerRow"];
	        this.rows = source["rows"];
	        this.columns = this.convertValues(source["columns"], ImportColumn);
	        this.mapping = this.convertValues(source["mapping"], ImportMapping);
	        this.remembered = source["remembered"];
	        this.fields = this.convertValues(source["fields"], ImportField);
	        this.top = source["top"];
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
	
	
	export class ImportProblem {
	    field: string;
	    column: number;
	    code: string;
	    message: string;
	    details?: Record<string, string>;
	    warning?: boolean;
	
	    static createFrom(source: any = {}) {
	        return new ImportProblem(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.field = source["field"];
	        this.column = source["column"];
	        this.code = source["code"];
	        this.message = source["message"];
	        this.details = source["details"];
	        this.warning = source["warning"];
	    }
	}
	export class ImportRow {
	    row: number;
	    status: string;
	    values: Record<string, string>;
	    problems: ImportProblem[];
	    matchId?: number;
	    matchBy?: string;
	    duplicateOf?: number;
	
	    static createFrom(source: any = {}) {
	        return new ImportRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.row = source["row"];
	        this.status = source["status"];
	        this.values = source["values"];
	        this.problems = this.convertValues(source["problems"], ImportProblem);
	        this.matchId = source["matchId"];
	        this.matchBy = source["matchBy"];
	        this.duplicateOf = source["duplicateOf"];
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
	
	export class ImportSource {
	    paste: string;
	    fileName: string;
	    sheet: string;
	    encoding: string;
	    delimiter: string;
	    headerRow: number;
	
	    static createFrom(source: any = {}) {
	        return new ImportSource(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.paste = source["paste"];
	        this.fileName = source["fileName"];
	        this.sheet = source["sheet"];
	        this.encoding = source["encoding"];
	        this.delimiter = source["delimiter"];
	        this.headerRow = source["headerRow"];
	    }
	}
	export class ReasonCount {
	    field: string;
	    code: string;
	    reason: string;
	    message: string;
	    count: number;
	    rows: number[];
	
	    static createFrom(source: any = {}) {
	        return new ReasonCount(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.field = source["field"];
	        this.code = source["code"];
	        this.reason = source["reason"];
	        this.message = source["message"];
	        this.count = source["count"];
	        this.rows = source["rows"];
	    }
	}
	export class ImportSummary {
	    counts: ImportCounts;
	    reasons: ReasonCount[];
	    suggestions: DuplicateSuggestion[];
	    rejects: string;
	    seconds: number;
	
	    static createFrom(source: any = {}) {
	        return new ImportSummary(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.counts = this.convertValues(source["counts"], ImportCounts);
	        this.reasons = this.convertValues(source["reasons"], ReasonCount);
	        this.suggestions = this.convertValues(source["suggestions"], DuplicateSuggestion);
	        this.rejects = source["rejects"];
	        this.seconds = source["seconds"];
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
	export class InboxEvent {
	    accountId: number;
	    uid: number;
	    messageId: string;
	    kind: string;
	    from: string;
	    subject: string;
	    recipient: string;
	    status: string;
	    diagnostic: string;
	    outboxId: number;
	    contactId: number;
	    campaignId: number;
	    receivedAt: string;
	    snippet: string;
	
	    static createFrom(source: any = {}) {
	        return new InboxEvent(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.accountId = source["accountId"];
	        this.uid = source["uid"];
	        this.messageId = source["messageId"];
	        this.kind = source["kind"];
	        this.from = source["from"];
	        this.subject = source["subject"];
	        this.recipient = source["recipient"];
	        this.status = source["status"];
	        this.diagnostic = source["diagnostic"];
	        this.outboxId = source["outboxId"];
	        this.contactId = source["contactId"];
	        this.campaignId = source["campaignId"];
	        this.receivedAt = source["receivedAt"];
	        this.snippet = source["snippet"];
	    }
	}
	
	export class LabelLayout {
	    sheet: string;
	    columns: number;
	    rows: number;
	    width: number;
	    height: number;
	    top: number;
	    left: number;
	    gapX: number;
	    gapY: number;
	    start: number;
	    sender: boolean;
	    sortByZip: boolean;
	
	    static createFrom(source: any = {}) {
	        return new LabelLayout(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.sheet = source["sheet"];
	        this.columns = source["columns"];
	        this.rows = source["rows"];
	        this.width = source["width"];
	        this.height = source["height"];
	        this.top = source["top"];
	        this.left = source["left"];
	        this.gapX = source["gapX"];
	        this.gapY = source["gapY"];
	        this.start = source["start"];
	        this.sender = source["sender"];
	        this.sortByZip = source["sortByZip"];
	    }
	}
	export class LetterLayout {
	    paper: string;
	    envelope: string;
	    window: string;
	    offsetX: number;
	    offsetY: number;
	    sender: boolean;
	    logo: boolean;
	    footer: boolean;
	
	    static createFrom(source: any = {}) {
	        return new LetterLayout(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.paper = source["paper"];
	        this.envelope = source["envelope"];
	        this.window = source["window"];
	        this.offsetX = source["offsetX"];
	        this.offsetY = source["offsetY"];
	        this.sender = source["sender"];
	        this.logo = source["logo"];
	        this.footer = source["footer"];
	    }
	}
	export class Layout {
	    letter: LetterLayout;
	    labels: LabelLayout;
	    catalog: CatalogLayout;
	    email: EmailLayout;
	
	    static createFrom(source: any = {}) {
	        return new Layout(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.letter = this.convertValues(source["letter"], LetterLayout);
	        this.labels = this.convertValues(source["labels"], LabelLayout);
	        this.catalog = this.convertValues(source["catalog"], CatalogLayout);
	        this.email = this.convertValues(source["email"], EmailLayout);
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
	
	
	export class ListContact {
	    id: number;
	    name: string;
	    email: string;
	    phone: string;
	    mobile: string;
	    postcode: string;
	    city: string;
	    country: string;
	    kind: string;
	
	    static createFrom(source: any = {}) {
	        return new ListContact(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.email = source["email"];
	        this.phone = source["phone"];
	        this.mobile = source["mobile"];
	        this.postcode = source["postcode"];
	        this.city = source["city"];
	        this.country = source["country"];
	        this.kind = source["kind"];
	    }
	}
	
	export class MailAccount {
	    id: number;
	    name: string;
	    fromName: string;
	    fromEmail: string;
	    replyTo: string;
	    smtpHost: string;
	    smtpPort: number;
	    smtpSecurity: string;
	    smtpUser: string;
	    imapHost: string;
	    imapPort: number;
	    imapSecurity: string;
	    imapUser: string;
	    processedFolder: string;
	    perMinute: number;
	    perHour: number;
	    perDay: number;
	    unsubscribeUrl: string;
	    dkimSelector: string;
	    dkimEnabled: boolean;
	    dkimRecord: string;
	    createdAt: string;
	    updatedAt: string;
	
	    static createFrom(source: any = {}) {
	        return new MailAccount(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.fromName = source["fromName"];
	        this.fromEmail = source["fromEmail"];
	        this.replyTo = source["replyTo"];
	        this.smtpHost = source["smtpHost"];
	        this.smtpPort = source["smtpPort"];
	        this.smtpSecurity = source["smtpSecurity"];
	        this.smtpUser = source["smtpUser"];
	        this.imapHost = source["imapHost"];
	        this.imapPort = source["imapPort"];
	        this.imapSecurity = source["imapSecurity"];
	        this.imapUser = source["imapUser"];
	        this.processedFolder = source["processedFolder"];
	        this.perMinute = source["perMinute"];
	        this.perHour = source["perHour"];
	        this.perDay = source["perDay"];
	        this.unsubscribeUrl = source["unsubscribeUrl"];
	        this.dkimSelector = source["dkimSelector"];
	        this.dkimEnabled = source["dkimEnabled"];
	        this.dkimRecord = source["dkimRecord"];
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	    }
	}
	export class Mailing {
	    campaignId: number;
	    touchId: number;
	    name: string;
	    status: string;
	    accountId: number;
	    templateId: number;
	    templateVersion: number;
	    segmentId: number;
	    selection: string;
	    pauseReason: string;
	    createdAt: string;
	    startedAt: string;
	    finishedAt: string;
	
	    static createFrom(source: any = {}) {
	        return new Mailing(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.campaignId = source["campaignId"];
	        this.touchId = source["touchId"];
	        this.name = source["name"];
	        this.status = source["status"];
	        this.accountId = source["accountId"];
	        this.templateId = source["templateId"];
	        this.templateVersion = source["templateVersion"];
	        this.segmentId = source["segmentId"];
	        this.selection = source["selection"];
	        this.pauseReason = source["pauseReason"];
	        this.createdAt = source["createdAt"];
	        this.startedAt = source["startedAt"];
	        this.finishedAt = source["finishedAt"];
	    }
	}
	export class Money {
	    minor: number;
	    currency: string;
	
	    static createFrom(source: any = {}) {
	        return new Money(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.minor = source["minor"];
	        this.currency = source["currency"];
	    }
	}
	export class OutboxEntry {
	    id: number;
	    touchId: number;
	    contactId: number;
	    name: string;
	    email: string;
	    state: string;
	    reason: string;
	    attempts: number;
	    nextAttempt: string;
	    messageId: string;
	    responseCode: string;
	    updatedAt: string;
	    sentAt: string;
	
	    static createFrom(source: any = {}) {
	        return new OutboxEntry(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.touchId = source["touchId"];
	        this.contactId = source["contactId"];
	        this.name = source["name"];
	        this.email = source["email"];
	        this.state = source["state"];
	        this.reason = source["reason"];
	        this.attempts = source["attempts"];
	        this.nextAttempt = source["nextAttempt"];
	        this.messageId = source["messageId"];
	        this.responseCode = source["responseCode"];
	        this.updatedAt = source["updatedAt"];
	        this.sentAt = source["sentAt"];
	    }
	}
	export class PersonSummary {
	    contactId: number;
	    name: string;
	    email: string;
	    phone: string;
	    city: string;
	    areas: AreaCount[];
	    files: number;
	    sharedDocuments: number;
	
	    static createFrom(source: any = {}) {
	        return new PersonSummary(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.contactId = source["contactId"];
	        this.name = source["name"];
	        this.email = source["email"];
	        this.phone = source["phone"];
	        this.city = source["city"];
	        this.areas = this.convertValues(source["areas"], AreaCount);
	        this.files = source["files"];
	        this.sharedDocuments = source["sharedDocuments"];
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
	export class Product {
	    id: number;
	    sku: string;
	    name: string;
	    description: string;
	    category: string;
	    price: Money;
	    imagePath: string;
	    active: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Product(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.sku = source["sku"];
	        this.name = source["name"];
	        this.description = source["description"];
	        this.category = source["category"];
	        this.price = this.convertValues(source["price"], Money);
	        this.imagePath = source["imagePath"];
	        this.active = source["active"];
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
	
	export class RegisterImport {
	    register: string;
	    fileName: string;
	    columns: string[];
	    headers: string[];
	    rows: number;
	    usable: number;
	    unusable: number;
	    unusableRows: number[];
	    sample: string[];
	    entries: number;
	    matches: number;
	
	    static createFrom(source: any = {}) {
	        return new RegisterImport(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.register = source["register"];
	        this.fileName = source["fileName"];
	        this.columns = source["columns"];
	        this.headers = source["headers"];
	        this.rows = source["rows"];
	        this.usable = source["usable"];
	        this.unusable = source["unusable"];
	        this.unusableRows = source["unusableRows"];
	        this.sample = source["sample"];
	        this.entries = source["entries"];
	        this.matches = source["matches"];
	    }
	}
	export class RegisterPreview {
	    register: string;
	    fileName: string;
	    columns: string[];
	    headers: string[];
	    rows: number;
	    usable: number;
	    unusable: number;
	    unusableRows: number[];
	    sample: string[];
	
	    static createFrom(source: any = {}) {
	        return new RegisterPreview(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.register = source["register"];
	        this.fileName = source["fileName"];
	        this.columns = source["columns"];
	        this.headers = source["headers"];
	        this.rows = source["rows"];
	        this.usable = source["usable"];
	        this.unusable = source["unusable"];
	        this.unusableRows = source["unusableRows"];
	        this.sample = source["sample"];
	    }
	}
	export class Response {
	    id: number;
	    campaignId: number;
	    campaign: string;
	    touchId: number;
	    touchSeq: number;
	    contactId: number;
	    contactName: string;
	    kind: string;
	    source: string;
	    code: string;
	    ref: string;
	    group: string;
	    at: string;
	    detail: string;
	    valueMinor: number;
	
	    static createFrom(source: any = {}) {
	        return new Response(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.campaignId = source["campaignId"];
	        this.campaign = source["campaign"];
	        this.touchId = source["touchId"];
	        this.touchSeq = source["touchSeq"];
	        this.contactId = source["contactId"];
	        this.contactName = source["contactName"];
	        this.kind = source["kind"];
	        this.source = source["source"];
	        this.code = source["code"];
	        this.ref = source["ref"];
	        this.group = source["group"];
	        this.at = source["at"];
	        this.detail = source["detail"];
	        this.valueMinor = source["valueMinor"];
	    }
	}
	
	export class RetentionPerson {
	    contactId: number;
	    name: string;
	    city: string;
	    lastActivity: string;
	
	    static createFrom(source: any = {}) {
	        return new RetentionPerson(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.contactId = source["contactId"];
	        this.name = source["name"];
	        this.city = source["city"];
	        this.lastActivity = source["lastActivity"];
	    }
	}
	export class RetentionPreview {
	    years: number;
	    cutoff: string;
	    total: number;
	    people: RetentionPerson[];
	
	    static createFrom(source: any = {}) {
	        return new RetentionPreview(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.years = source["years"];
	        this.cutoff = source["cutoff"];
	        this.total = source["total"];
	        this.people = this.convertValues(source["people"], RetentionPerson);
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
	export class RetentionResult {
	    erased: number;
	    backup: string;
	    scrubPending: boolean;
	
	    static createFrom(source: any = {}) {
	        return new RetentionResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.erased = source["erased"];
	        this.backup = source["backup"];
	        this.scrubPending = source["scrubPending"];
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
	export class SupplierList {
	    id: number;
	    batchId: number;
	    kind: string;
	    supplier: string;
	    acquiredOn: string;
	    licence: string;
	    expiresOn: string;
	    legalBasis: string;
	    createdAt: string;
	    contacts: number;
	    usedBy: string[];
	    expired: boolean;
	    usedUp: boolean;
	    notWashed: boolean;
	
	    static createFrom(source: any = {}) {
	        return new SupplierList(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.batchId = source["batchId"];
	        this.kind = source["kind"];
	        this.supplier = source["supplier"];
	        this.acquiredOn = source["acquiredOn"];
	        this.licence = source["licence"];
	        this.expiresOn = source["expiresOn"];
	        this.legalBasis = source["legalBasis"];
	        this.createdAt = source["createdAt"];
	        this.contacts = source["contacts"];
	        this.usedBy = source["usedBy"];
	        this.expired = source["expired"];
	        this.usedUp = source["usedUp"];
	        this.notWashed = source["notWashed"];
	    }
	}
	export class Suppression {
	    email: string;
	    reason: string;
	    source: string;
	    createdAt: string;
	
	    static createFrom(source: any = {}) {
	        return new Suppression(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.email = source["email"];
	        this.reason = source["reason"];
	        this.source = source["source"];
	        this.createdAt = source["createdAt"];
	    }
	}
	export class SuppressionEntry {
	    kind: string;
	    value: string;
	    reason: string;
	    source: string;
	    createdAt: string;
	
	    static createFrom(source: any = {}) {
	        return new SuppressionEntry(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.value = source["value"];
	        this.reason = source["reason"];
	        this.source = source["source"];
	        this.createdAt = source["createdAt"];
	    }
	}
	export class Template {
	    id: number;
	    name: string;
	    kind: string;
	    title: string;
	    lang: string;
	    body: string;
	    layout: Layout;
	    version: number;
	    starter: string;
	    updatedAt: string;
	
	    static createFrom(source: any = {}) {
	        return new Template(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.kind = source["kind"];
	        this.title = source["title"];
	        this.lang = source["lang"];
	        this.body = source["body"];
	        this.layout = this.convertValues(source["layout"], Layout);
	        this.version = source["version"];
	        this.starter = source["starter"];
	        this.updatedAt = source["updatedAt"];
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
	
	
	
	
	export class WorkItem {
	    id: number;
	    touchId: number;
	    contactId: number;
	    name: string;
	    phone: string;
	    country: string;
	    city: string;
	    state: string;
	    reason: string;
	    outcome: string;
	    callbackAt: string;
	    attempts: number;
	    priority: number;
	    printedAt: string;
	    doneAt: string;
	    responseCode: string;
	    callableNow: boolean;
	    callHours: string;
	
	    static createFrom(source: any = {}) {
	        return new WorkItem(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.touchId = source["touchId"];
	        this.contactId = source["contactId"];
	        this.name = source["name"];
	        this.phone = source["phone"];
	        this.country = source["country"];
	        this.city = source["city"];
	        this.state = source["state"];
	        this.reason = source["reason"];
	        this.outcome = source["outcome"];
	        this.callbackAt = source["callbackAt"];
	        this.attempts = source["attempts"];
	        this.priority = source["priority"];
	        this.printedAt = source["printedAt"];
	        this.doneAt = source["doneAt"];
	        this.responseCode = source["responseCode"];
	        this.callableNow = source["callableNow"];
	        this.callHours = source["callHours"];
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

export namespace merge {
	
	export class FieldInfo {
	    name: string;
	    group: string;
	    kind: string;
	    token: string;
	
	    static createFrom(source: any = {}) {
	        return new FieldInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.group = source["group"];
	        this.kind = source["kind"];
	        this.token = source["token"];
	    }
	}

}

export namespace segment {
	
	export class Bucket {
	    value: string;
	    label: string;
	    count: number;
	
	    static createFrom(source: any = {}) {
	        return new Bucket(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.value = source["value"];
	        this.label = source["label"];
	        this.count = source["count"];
	    }
	}
	export class Node {
	    all?: Node[];
	    any?: Node[];
	    not?: Node;
	    field?: string;
	    op?: string;
	    values?: string[];
	    asOf?: string;
	    days?: number;
	
	    static createFrom(source: any = {}) {
	        return new Node(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.all = this.convertValues(source["all"], Node);
	        this.any = this.convertValues(source["any"], Node);
	        this.not = this.convertValues(source["not"], Node);
	        this.field = source["field"];
	        this.op = source["op"];
	        this.values = source["values"];
	        this.asOf = source["asOf"];
	        this.days = source["days"];
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
	export class Filter {
	    v: number;
	    root: Node;
	
	    static createFrom(source: any = {}) {
	        return new Filter(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.v = source["v"];
	        this.root = this.convertValues(source["root"], Node);
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
	export class Cell {
	    count: number;
	    buyers: number;
	    revenue: number;
	    orders: number;
	    filter?: Filter;
	
	    static createFrom(source: any = {}) {
	        return new Cell(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.count = source["count"];
	        this.buyers = source["buyers"];
	        this.revenue = source["revenue"];
	        this.orders = source["orders"];
	        this.filter = this.convertValues(source["filter"], Filter);
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
	export class CrossTab {
	    rowDim: string;
	    colDim: string;
	    rows: Bucket[];
	    cols: Bucket[];
	    cells: Cell[][];
	    total: Cell;
	    max: number;
	
	    static createFrom(source: any = {}) {
	        return new CrossTab(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.rowDim = source["rowDim"];
	        this.colDim = source["colDim"];
	        this.rows = this.convertValues(source["rows"], Bucket);
	        this.cols = this.convertValues(source["cols"], Bucket);
	        this.cells = this.convertValues(source["cells"], Cell);
	        this.total = this.convertValues(source["total"], Cell);
	        this.max = source["max"];
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
	export class Explanation {
	    group?: string;
	    field?: string;
	    op?: string;
	    values?: string[];
	    asOf?: string;
	    days?: number;
	    met: boolean;
	    children?: Explanation[];
	
	    static createFrom(source: any = {}) {
	        return new Explanation(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.group = source["group"];
	        this.field = source["field"];
	        this.op = source["op"];
	        this.values = source["values"];
	        this.asOf = source["asOf"];
	        this.days = source["days"];
	        this.met = source["met"];
	        this.children = this.convertValues(source["children"], Explanation);
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
	export class Field {
	    name: string;
	    kind: string;
	    ops: string[];
	    enum?: string[];
	    days?: boolean;
	    values?: boolean;
	    min?: number;
	    max?: number;
	
	    static createFrom(source: any = {}) {
	        return new Field(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.kind = source["kind"];
	        this.ops = source["ops"];
	        this.enum = source["enum"];
	        this.days = source["days"];
	        this.values = source["values"];
	        this.min = source["min"];
	        this.max = source["max"];
	    }
	}
	
	
	export class Saved {
	    id: number;
	    name: string;
	    kind: string;
	    filter: Filter;
	    createdAt: string;
	    updatedAt: string;
	    frozenAt?: string;
	    size: number;
	
	    static createFrom(source: any = {}) {
	        return new Saved(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.kind = source["kind"];
	        this.filter = this.convertValues(source["filter"], Filter);
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	        this.frozenAt = source["frozenAt"];
	        this.size = source["size"];
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
	export class TitleGroup {
	    name: string;
	    titles: string[];
	
	    static createFrom(source: any = {}) {
	        return new TitleGroup(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.titles = source["titles"];
	    }
	}

}

export namespace workspace {
	
	export class ContactExport {
	    path: string;
	    name: string;
	    rows: number;
	    channel: string;
	    excluded: Record<string, number>;
	
	    static createFrom(source: any = {}) {
	        return new ContactExport(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.path = source["path"];
	        this.name = source["name"];
	        this.rows = source["rows"];
	        this.channel = source["channel"];
	        this.excluded = source["excluded"];
	    }
	}
	export class EmailWarning {
	    code: string;
	    params: Record<string, string>;
	
	    static createFrom(source: any = {}) {
	        return new EmailWarning(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.code = source["code"];
	        this.params = source["params"];
	    }
	}
	export class EmailPreflight {
	    recipients: number;
	    willSend: number;
	    skipped: Record<string, number>;
	    warnings: EmailWarning[];
	    gaps: document.Gap[];
	    size: number;
	    htmlSize: number;
	
	    static createFrom(source: any = {}) {
	        return new EmailPreflight(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.recipients = source["recipients"];
	        this.willSend = source["willSend"];
	        this.skipped = source["skipped"];
	        this.warnings = this.convertValues(source["warnings"], EmailWarning);
	        this.gaps = this.convertValues(source["gaps"], document.Gap);
	        this.size = source["size"];
	        this.htmlSize = source["htmlSize"];
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
	export class EmailPreview {
	    contactId: number;
	    name: string;
	    email: string;
	    index: number;
	    total: number;
	    subject: string;
	    preheader: string;
	    html: string;
	    text: string;
	    missing: string[];
	    size: number;
	
	    static createFrom(source: any = {}) {
	        return new EmailPreview(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.contactId = source["contactId"];
	        this.name = source["name"];
	        this.email = source["email"];
	        this.index = source["index"];
	        this.total = source["total"];
	        this.subject = source["subject"];
	        this.preheader = source["preheader"];
	        this.html = source["html"];
	        this.text = source["text"];
	        this.missing = source["missing"];
	        this.size = source["size"];
	    }
	}
	
	export class ExportCheck {
	    channel: string;
	    selected: number;
	    kept: number;
	    excluded: Record<string, number>;
	
	    static createFrom(source: any = {}) {
	        return new ExportCheck(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.channel = source["channel"];
	        this.selected = source["selected"];
	        this.kept = source["kept"];
	        this.excluded = source["excluded"];
	    }
	}
	export class MailingStatus {
	    mailing: marketing.Mailing;
	    account: string;
	    counts: Record<string, number>;
	    total: number;
	    done: number;
	    active: boolean;
	    waiting: string;
	    waitUntil: string;
	    perMinute: number;
	    etaSeconds: number;
	
	    static createFrom(source: any = {}) {
	        return new MailingStatus(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.mailing = this.convertValues(source["mailing"], marketing.Mailing);
	        this.account = source["account"];
	        this.counts = source["counts"];
	        this.total = source["total"];
	        this.done = source["done"];
	        this.active = source["active"];
	        this.waiting = source["waiting"];
	        this.waitUntil = source["waitUntil"];
	        this.perMinute = source["perMinute"];
	        this.etaSeconds = source["etaSeconds"];
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
	export class Moved {
	    dir: string;
	    remembered: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Moved(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.dir = source["dir"];
	        this.remembered = source["remembered"];
	    }
	}
	export class ProductImageResult {
	    matched: number;
	    unmatched: string[];
	    failed: string[];
	
	    static createFrom(source: any = {}) {
	        return new ProductImageResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.matched = source["matched"];
	        this.unmatched = source["unmatched"];
	        this.failed = source["failed"];
	    }
	}

}

