// The example component that the e2e fakes serve data for, and the annotation values that bind it to them. They must
// match examples/all.yaml (component customer-profile).

/** The example component the fakes' records, issues and responses belong to. */
const PROFILE_REF = 'component:default/customer-profile';
const PROFILE_PATH = 'component/default/customer-profile';

/** `servicenow.com/business_service` of customer-profile: the sys_id of its business service. */
const PROFILE_BUSINESS_SERVICE = '5f3b9c2e8d41470a9b6e2c7d1f0a4e93';
/** `jira/project-key` of customer-profile. */
const PROFILE_JIRA_PROJECT = 'PROF';
/** `typeform.com/form-id` of customer-profile: its NPS survey. */
const PROFILE_TYPEFORM_FORM = 'CpNps2025';

module.exports = {
  PROFILE_REF,
  PROFILE_PATH,
  PROFILE_BUSINESS_SERVICE,
  PROFILE_JIRA_PROJECT,
  PROFILE_TYPEFORM_FORM,
};
