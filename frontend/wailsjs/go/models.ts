export namespace app {
	
	export interface AttachmentFile {
	    filename: string;
	    contentType: string;
	    dataBase64: string;
	}
	export interface AudienceSummary {
	    count: number;
	    sample: campaign.Recipient[];
	    excluded: campaign.Exclusion[];
	    reasons: {[key: string]: number};
	}
	export interface CampaignOptions {
	    kinds: string[];
	    fields: string[];
	}
	export interface EventOptions {
	    kinds: string[];
	    themes: string[];
	}
	export interface FileData {
	    filename: string;
	    contentType: string;
	    dataBase64: string;
	}
	export interface ImportPreview {
	    format: string;
	    encoding: string;
	    delimiter: string;
	    header: string[];
	    sample: string[][];
	    fields: string[];
	    mapping: {[key: string]: number};
	    result: company.ImportResult;
	    missing?: string;
	}
	export interface ImportRequest {
	    file: FileData;
	    mapping: {[key: string]: number};
	}
	export interface MailDetail {
	    message: mail.Message;
	    source: string;
	}
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

export namespace audit {
	
	export interface Entry {
	    id: number;
	    // Go type: time
	    at: any;
	    actor: string;
	    entity: string;
	    entityId: number;
	    action: string;
	    detail: string;
	}
	export interface Query {
	    entity: string;
	    entityId: number;
	    actor: string;
	    // Go type: time
	    from: any;
	    // Go type: time
	    to: any;
	    limit: number;
	    before: number;
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

export namespace award {
	
	export interface Counts {
	    evaluated: number;
	    gazelles: number;
	    review: number;
	    notEnough: number;
	    shortlisted: number;
	    decided: number;
	}
	export interface Entry {
	    id: number;
	    roundId: number;
	    companyId: number;
	    companyName: string;
	    cvr?: string;
	    result: string;
	    verdict: gazelle.Verdict;
	    growth?: number;
	    shortlisted: boolean;
	    manualReason: string;
	    juryNote: string;
	    decision: string;
	    decidedBy: string;
	    // Go type: time
	    decidedAt?: any;
	    // Go type: time
	    updatedAt: any;
	}
	export interface EntryQuery {
	    roundId: number;
	    list: string;
	    search: string;
	    limit: number;
	}
	export interface Guest {
	    id: number;
	    roundId: number;
	    companyId: number;
	    companyName: string;
	    cvr?: string;
	    result: string;
	    verdict: gazelle.Verdict;
	    growth?: number;
	    shortlisted: boolean;
	    manualReason: string;
	    juryNote: string;
	    decision: string;
	    decidedBy: string;
	    // Go type: time
	    decidedAt?: any;
	    // Go type: time
	    updatedAt: any;
	    registered: string;
	    seats: number;
	}
	export interface HistoryItem {
	    year: number;
	    roundId: number;
	    published: boolean;
	    result: string;
	    growth?: number;
	    decision: string;
	}
	export interface NewYearTemplate {
	    theme: string;
	    date: string;
	    capacity: number;
	}
	export interface Point {
	    year: number;
	    value: number;
	}
	export interface Round {
	    id: number;
	    year: number;
	    status: string;
	    eventId?: number;
	    // Go type: time
	    evaluatedAt?: any;
	    // Go type: time
	    publishedAt?: any;
	    // Go type: time
	    createdAt: any;
	    // Go type: time
	    updatedAt: any;
	}
	export interface Slide {
	    companyName: string;
	    winner: boolean;
	    growth?: number;
	    from: number;
	    to: number;
	    measure: string;
	    points: Point[];
	}

}

export namespace campaign {
	
	export interface Campaign {
	    id: number;
	    name: string;
	    kind: string;
	    status: string;
	    eventId?: number;
	    segmentIds: number[];
	    contactIds: number[];
	    subject: string;
	    body: string;
	    subjectEn: string;
	    bodyEn: string;
	    // Go type: time
	    sendAt?: any;
	    // Go type: time
	    startedAt?: any;
	    // Go type: time
	    queuedAt?: any;
	    // Go type: time
	    finishedAt?: any;
	    createdBy: string;
	    // Go type: time
	    createdAt: any;
	    // Go type: time
	    updatedAt: any;
	}
	export interface Exclusion {
	    contactId: number;
	    name: string;
	    email: string;
	    companyName: string;
	    reason: string;
	}
	export interface Invitee {
	    id: number;
	    campaignId: number;
	    contactId?: number;
	    email: string;
	    name: string;
	    companyName: string;
	    companyId?: number;
	    lang: string;
	    mailId?: number;
	    // Go type: time
	    declinedAt?: any;
	    // Go type: time
	    remindedAt?: any;
	    // Go type: time
	    createdAt: any;
	    campaignName: string;
	    answer: string;
	}
	export interface Overview {
	    invited: number;
	    registered: number;
	    declined: number;
	    noAnswer: number;
	    invitees: Invitee[];
	}
	export interface Preview {
	    to: string;
	    subject: string;
	    html: string;
	    text: string;
	}
	export interface Progress {
	    recipients: number;
	    mail: mail.Counts;
	    unsubscribed: number;
	}
	export interface Recipient {
	    id: number;
	    campaignId: number;
	    contactId?: number;
	    email: string;
	    name: string;
	    companyName: string;
	    companyId?: number;
	    lang: string;
	    mailId?: number;
	    // Go type: time
	    declinedAt?: any;
	    // Go type: time
	    remindedAt?: any;
	    // Go type: time
	    createdAt: any;
	}

}

export namespace company {
	
	export interface Company {
	    id: number;
	    cvr?: string;
	    name: string;
	    form: string;
	    branchCode: string;
	    cluster: string;
	    area: string;
	    address: string;
	    postcode: string;
	    city: string;
	    employees?: number;
	    website: string;
	    symbiosis: boolean;
	    notes: string;
	    pNumbers: string[];
	    tags: string[];
	    contacts: number;
	    // Go type: time
	    createdAt: any;
	    // Go type: time
	    updatedAt: any;
	}
	export interface Consent {
	    id: number;
	    contactId: number;
	    // Go type: time
	    givenAt: any;
	    source: string;
	    wordingVersion: string;
	    // Go type: time
	    withdrawnAt?: any;
	    withdrawnHow: string;
	}
	export interface Contact {
	    id: number;
	    name: string;
	    email: string;
	    phone: string;
	    jobTitle: string;
	    companyId?: number;
	    language: string;
	    companyName: string;
	    consent?: Consent;
	    suppressed: string;
	    // Go type: time
	    createdAt: any;
	    // Go type: time
	    updatedAt: any;
	}
	export interface ContactPage {
	    items: Contact[];
	    total: number;
	    next: string;
	}
	export interface ContactQuery {
	    search: string;
	    companyId: number;
	    consent: string;
	    segmentId?: number;
	    sort: string;
	    desc: boolean;
	    after: string;
	    pageSize: number;
	}
	export interface Filter {
	    clusters: string[];
	    areas: string[];
	    tags: string[];
	    symbiosis?: boolean;
	    consent?: boolean;
	    hasContacts?: boolean;
	}
	export interface Financial {
	    id: number;
	    companyId: number;
	    year: number;
	    months: number;
	    netRevenue?: number;
	    grossProfit?: number;
	    operatingResult?: number;
	    source: string;
	}
	export interface ImportError {
	    column: string;
	    key: string;
	    params?: {[key: string]: any};
	}
	export interface RowResult {
	    row: number;
	    action: string;
	    company: string;
	    contact: string;
	    errors: ImportError[];
	}
	export interface ImportResult {
	    dryRun: boolean;
	    applied: boolean;
	    rows: RowResult[];
	    companiesCreated: number;
	    companiesUpdated: number;
	    contactsCreated: number;
	    contactsUpdated: number;
	    skipped: number;
	    failed: number;
	    financialsCreated: number;
	    financialsUpdated: number;
	}
	export interface Options {
	    clusters: string[];
	    forms: string[];
	    areas: string[];
	    tags: string[];
	}
	export interface Page {
	    items: Company[];
	    total: number;
	    next: string;
	}
	export interface Query {
	    search: string;
	    cluster: string;
	    area: string;
	    tag: string;
	    symbiosis?: boolean;
	    hasContacts?: boolean;
	    segmentId?: number;
	    sort: string;
	    desc: boolean;
	    after: string;
	    pageSize: number;
	}
	
	export interface Segment {
	    id: number;
	    name: string;
	    target: string;
	    filter: Filter;
	    count: number;
	    // Go type: time
	    createdAt: any;
	    // Go type: time
	    updatedAt: any;
	}

}

export namespace event {
	
	export interface AgendaItem {
	    time: string;
	    title: string;
	    speaker: string;
	}
	export interface Question {
	    id: string;
	    label: string;
	    labelEn: string;
	    type: string;
	    required: boolean;
	    options: string[];
	}
	export interface Event {
	    id: number;
	    slug: string;
	    uid: string;
	    sequence: number;
	    kind: string;
	    status: string;
	    visibility: string;
	    title: string;
	    titleEn: string;
	    description: string;
	    descriptionEn: string;
	    themes: string[];
	    track: number;
	    venue: string;
	    address: string;
	    onlineUrl: string;
	    // Go type: time
	    startsAt: any;
	    // Go type: time
	    endsAt: any;
	    capacity: number;
	    seatsPerCompany: number;
	    // Go type: time
	    registrationOpensAt?: any;
	    // Go type: time
	    registrationDeadline?: any;
	    waitlist: boolean;
	    questions: Question[];
	    agenda: AgendaItem[];
	    contactName: string;
	    contactEmail: string;
	    seriesId: string;
	    cancelMessage: string;
	    reminderDays?: number;
	    // Go type: time
	    remindedAt?: any;
	    seatsTaken: number;
	    // Go type: time
	    createdAt: any;
	    // Go type: time
	    updatedAt: any;
	}
	export interface Query {
	    scope: string;
	    kind: string;
	    theme: string;
	    status: string;
	}
	
	export interface Repetition {
	    ordinal: number;
	    weekday: number;
	    count: number;
	}

}

export namespace gazelle {
	
	export interface Point {
	    year: number;
	    value: number;
	    growth?: number;
	}
	export interface Series {
	    measure: string;
	    points: Point[];
	}
	export interface Financial {
	    year: number;
	    months: number;
	    netRevenue?: number;
	    grossProfit?: number;
	    operatingResult?: number;
	}
	export interface Evidence {
	    reports: Financial[];
	    series: Series;
	    totalGrowth?: number;
	    operatingSum?: number;
	}
	
	
	export interface Rule {
	    id: number;
	    name: string;
	    status: string;
	    detail: i18n.Message;
	}
	
	export interface Verdict {
	    definition: string;
	    companyId: number;
	    name: string;
	    year: number;
	    from: number;
	    result: string;
	    rules: Rule[];
	    warnings: i18n.Message[];
	    evidence: Evidence;
	}

}

export namespace i18n {
	
	export interface Message {
	    key: string;
	    params?: {[key: string]: any};
	}

}

export namespace mail {
	
	export interface Attachment {
	    id: number;
	    messageId: number;
	    filename: string;
	    contentType: string;
	    contentId: string;
	    size: number;
	}
	export interface Counts {
	    queued: number;
	    sending: number;
	    sent: number;
	    failed: number;
	    held: number;
	    cancelled: number;
	    smtpConfigured: boolean;
	}
	export interface Message {
	    id: number;
	    messageId: string;
	    kind: string;
	    state: string;
	    template: string;
	    lang: string;
	    ref: string;
	    groupKey: string;
	    holdReason: string;
	    fromName: string;
	    fromAddress: string;
	    replyTo: string;
	    toName: string;
	    toAddress: string;
	    subject: string;
	    textBody: string;
	    htmlBody: string;
	    calendar: string;
	    calendarMethod: string;
	    headers: {[key: string]: string};
	    attempts: number;
	    // Go type: time
	    nextAttemptAt: any;
	    lastReply: string;
	    // Go type: time
	    createdAt: any;
	    // Go type: time
	    updatedAt: any;
	    // Go type: time
	    sentAt?: any;
	    attachments: Attachment[];
	}
	export interface Summary {
	    id: number;
	    kind: string;
	    state: string;
	    template: string;
	    toName: string;
	    toAddress: string;
	    subject: string;
	    attempts: number;
	    // Go type: time
	    nextAttemptAt: any;
	    lastReply: string;
	    // Go type: time
	    createdAt: any;
	    // Go type: time
	    sentAt?: any;
	}
	export interface Page {
	    items: Summary[];
	    total: number;
	}
	export interface Query {
	    state: string;
	    kind: string;
	    search: string;
	    page: number;
	    pageSize: number;
	}
	export interface SettingsInput {
	    host: string;
	    port: number;
	    tls: string;
	    username: string;
	    password: string;
	    clearPassword: boolean;
	    fromName: string;
	    fromAddress: string;
	    replyTo: string;
	    ratePerMinute: number;
	    dailyCap: number;
	    dkimEnabled: boolean;
	    dkimDomain: string;
	    dkimSelector: string;
	    dkimKeyPem: string;
	}
	export interface SettingsView {
	    host: string;
	    port: number;
	    tls: string;
	    username: string;
	    passwordSet: boolean;
	    fromName: string;
	    fromAddress: string;
	    replyTo: string;
	    ratePerMinute: number;
	    dailyCap: number;
	    dkimEnabled: boolean;
	    dkimDomain: string;
	    dkimSelector: string;
	    dkimKeySet: boolean;
	    dkimRecord: string;
	    configured: boolean;
	    // Go type: time
	    updatedAt: any;
	    updatedBy: string;
	}
	
	export interface Suppression {
	    address: string;
	    reason: string;
	    detail: string;
	    // Go type: time
	    createdAt: any;
	}
	export interface TestResult {
	    ok: boolean;
	    reply: string;
	    transcript: string[];
	    mailId: number;
	}

}

export namespace privacy {
	
	export interface Action {
	    id: number;
	    action: string;
	    subject: string;
	    actor: string;
	    reason: string;
	    detail: string;
	    // Go type: time
	    createdAt: any;
	}
	export interface PersonData {
	    // Go type: time
	    exportedAt: any;
	    contact: company.Contact;
	    company?: company.Company;
	    consents: company.Consent[];
	    mails: mail.Summary[];
	    suppression?: mail.Suppression;
	    privacyActions: Action[];
	}

}

export namespace registration {
	
	export interface Attendee {
	    id: number;
	    registrationId: number;
	    eventId: number;
	    name: string;
	    email: string;
	    jobTitle: string;
	    // Go type: time
	    attendedAt?: any;
	}
	export interface AttendeeInput {
	    name: string;
	    email: string;
	    jobTitle: string;
	}
	export interface Change {
	    companyName: string;
	    cvr: string;
	    attendees: AttendeeInput[];
	    answers: {[key: string]: any};
	    note: string;
	}
	export interface Counts {
	    capacity: number;
	    seatsTaken: number;
	    seatsLeft: number;
	    confirmed: number;
	    waitlisted: number;
	    cancelled: number;
	    waitingSeats: number;
	    attendees: number;
	    attended: number;
	}
	export interface Message {
	    eventId: number;
	    statuses: string[];
	    subject: string;
	    body: string;
	}
	export interface Registration {
	    id: number;
	    eventId: number;
	    checkinCode: string;
	    status: string;
	    seats: number;
	    companyName: string;
	    cvr?: string;
	    companyId?: number;
	    email: string;
	    lang: string;
	    answers: {[key: string]: any};
	    marketingConsent: boolean;
	    source: string;
	    note: string;
	    // Go type: time
	    createdAt: any;
	    // Go type: time
	    updatedAt: any;
	    // Go type: time
	    cancelledAt?: any;
	    attendees: Attendee[];
	    position: number;
	}
	export interface Page {
	    items: Registration[];
	    total: number;
	}
	export interface Query {
	    eventId: number;
	    filter: string;
	    search: string;
	    page: number;
	    pageSize: number;
	}
	
	export interface Request {
	    eventId: number;
	    companyName: string;
	    cvr: string;
	    attendees: AttendeeInput[];
	    answers: {[key: string]: any};
	    marketingConsent: boolean;
	    lang: string;
	    source: string;
	    invitation: string;
	    note: string;
	}
	export interface RetentionPreview {
	    // Go type: time
	    before: any;
	    events: number;
	    registrations: number;
	    attendees: number;
	}

}

export namespace report {
	
	export interface EngagementEvent {
	    eventId: number;
	    title: string;
	    // Go type: time
	    startsAt: any;
	    status: string;
	    seats: number;
	    attended: number;
	}
	export interface Engagement {
	    registrations: number;
	    eventsJoined: number;
	    attended: number;
	    invited: number;
	    answered: number;
	    declined: number;
	    events: EngagementEvent[];
	}
	
	export interface Filter {
	    // Go type: time
	    from: any;
	    // Go type: time
	    to: any;
	    kind: string;
	    theme: string;
	    track: number;
	}
	export interface NextEvent {
	    id: number;
	    title: string;
	    kind: string;
	    // Go type: time
	    startsAt: any;
	    capacity: number;
	    seatsTaken: number;
	    waitlisted: number;
	}
	export interface Task {
	    kind: string;
	    id: number;
	    title: string;
	    // Go type: time
	    when?: any;
	}
	export interface Overview {
	    next: NextEvent[];
	    mailHeld: number;
	    mailFailed: number;
	    registrationsWeek: number;
	    tasks: Task[];
	}
	export interface Table {
	    name: string;
	    columns: string[];
	    rows: any[][];
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
	    businessAreas: string[];
	    themes: string[];
	    calendarName: string;
	    retentionMonths: number;
	    backupKeep: number;
	    backupEveryHours: number;
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

