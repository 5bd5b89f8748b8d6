{{%AUTOESCAPE context="HTML"}}<h1>Policies</h1>
<p class="lead">Policies that staff must read and sign. Open a policy to publish a new version.</p>
{{#not_policies}}<p class="notice">There are no policies yet.</p>{{/not_policies}}
{{#has_policies}}<div class="table-scroll" tabindex="0">
<table class="data">
<caption>Every policy</caption>
<thead><tr><th scope="col">Policy</th><th scope="col">Applies to</th><th scope="col">Versions</th><th scope="col">Current version</th><th scope="col">Review due</th></tr></thead>
<tbody>{{/has_policies}}
{{#policies}}<tr><th scope="row"><a href="/admin/policies/{{id}}">{{title}}</a></th><td>{{applies_to:x-staff-types}}</td><td class="num">{{versions}}{{#drafts}} ({{drafts}} draft awaiting authorisation){{/drafts}}</td><td>{{#current_id}}<a href="/aup/{{current_id}}">Version {{current_version}}</a>, from <time datetime="{{effective}}">{{effective:x-uk-time}}</time>{{/current_id}}{{#not_current_id}}None in effect yet{{/not_current_id}}</td><td>{{#review_due}}<time datetime="{{review_due}}">{{review_due:x-uk-due}}</time>{{/review_due}}{{#review_overdue}} <span class="badge status-overdue">Overdue</span>{{/review_overdue}}</td></tr>
{{/policies}}
{{#has_policies}}</tbody>
</table>
</div>{{/has_policies}}
<form class="stack card" method="post" action="/admin/policies">
<h2>Create a policy</h2>
<input type="hidden" name="csrf" value="{{csrf}}">
<div class="field{{#err_title}} has-error{{/err_title}}"><label for="f-title">Title</label>
{{#err_title}}<p class="field-error" id="e-title">{{err_title}}</p>{{/err_title}}
<input id="f-title" name="title" type="text" required maxlength="200" value="{{form_title}}"{{#err_title}} aria-describedby="e-title" aria-invalid="true"{{/err_title}}></div>
<fieldset id="f-applies_to"{{#err_applies_to}} class="has-error"{{/err_applies_to}}{{#err_applies_to}} aria-describedby="e-applies_to"{{/err_applies_to}}><legend>Who must sign it</legend>
{{#err_applies_to}}<p class="field-error" id="e-applies_to">{{err_applies_to}}</p>{{/err_applies_to}}
{{#staff_types}}<label class="checkbox" for="f-type-{{type}}"><input id="f-type-{{type}}" type="checkbox" name="applies_to" value="{{type}}"{{#checked}} checked{{/checked}}> {{type:x-staff-type}}</label>
{{/staff_types}}</fieldset>
<div class="field{{#err_renew_yearly}} has-error{{/err_renew_yearly}}">
{{#err_renew_yearly}}<p class="field-error" id="e-renew_yearly">{{err_renew_yearly}}</p>{{/err_renew_yearly}}
<label class="checkbox" for="f-renew_yearly"><input id="f-renew_yearly" name="renew_yearly" type="checkbox" value="yes"{{#chose_renew_yearly_yes}} checked{{/chose_renew_yearly_yes}}{{#err_renew_yearly}} aria-describedby="e-renew_yearly" aria-invalid="true"{{/err_renew_yearly}}> Signed again every year</label></div>
<div class="field{{#err_renew_from}} has-error{{/err_renew_from}}"><label for="f-renew_from">From (month-day), for example 09-01 for 1 September</label>
{{#err_renew_from}}<p class="field-error" id="e-renew_from">{{err_renew_from}}</p>{{/err_renew_from}}
<input id="f-renew_from" name="renew_from" type="text" maxlength="5" inputmode="numeric" pattern="[01][0-9]-[0-3][0-9]" value="{{form_renew_from}}"{{#err_renew_from}} aria-describedby="e-renew_from" aria-invalid="true"{{/err_renew_from}}></div>
<div class="actions"><button class="btn" type="submit">Create</button></div>
</form>
<p><a href="/aup/compliance">Compliance</a> · <a href="/admin/courses">Training courses</a> · <a href="/admin/staff">Staff</a></p>
