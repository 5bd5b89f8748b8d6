{{%AUTOESCAPE context="HTML"}}<h1>Permissions</h1>
<p class="lead">Ask in advance for an exception to the school's rules, see the services approved for use with pupils, and authorise a service for a lesson.</p>
<section aria-labelledby="h-exceptions" id="exceptions">
<h2 id="h-exceptions">Exceptions</h2>
<p>For example, to carry your own phone on a school trip, or to contact parents from a personal account. The {{#decider_is_head}}headteacher{{/decider_is_head}}{{#not_decider_is_head}}school business manager{{/not_decider_is_head}} decides; you see the decision here.</p>
{{#not_exceptions}}<p class="muted">No requests yet.</p>{{/not_exceptions}}
{{#has_exceptions}}<ul class="stack">{{/has_exceptions}}{{#exceptions}}<li class="card" id="exception-{{id}}"><h3>{{reference}}: {{what}}{{#not_mine}} ({{name}}){{/not_mine}}</h3>
<p><span class="multiline">{{why:pre_escape}}</span></p>
<p>From <time datetime="{{from_on}}">{{from_on:x-uk-time}}</time> until <time datetime="{{until_on}}">{{until_on:x-uk-time}}</time>. {{#open}}<span class="badge status-pending">{{decision_label}}</span>{{/open}}{{#not_open}}<span class="badge status-{{decision}}">{{decision_label}}</span> by {{decided_by}}, <time datetime="{{decided_at}}">{{decided_at:x-uk-time}}</time>{{#in_force}} · in force until <time datetime="{{until_on}}">{{until_on:x-uk-due}}</time>{{/in_force}}{{/not_open}}</p>
{{#not_open}}<p><span class="multiline">{{decision_reason:pre_escape}}</span></p>{{/not_open}}
{{#may_decide}}<form class="stack" method="post" action="/permissions/exceptions/{{id}}/decision">
<input type="hidden" name="csrf" value="{{csrf}}">
<fieldset id="f-decision{{#not_decide_sent}}-{{id}}{{/not_decide_sent}}" class="field{{#decide_sent}}{{#err_decision}} has-error{{/err_decision}}{{/decide_sent}}"{{#decide_sent}}{{#err_decision}} aria-describedby="e-decision"{{/err_decision}}{{/decide_sent}}><legend>Decision on {{reference}}</legend>
{{#decide_sent}}{{#err_decision}}<p class="field-error" id="e-decision">{{err_decision}}</p>{{/err_decision}}{{/decide_sent}}
<label class="checkbox" for="f-approve-{{id}}"><input type="radio" id="f-approve-{{id}}" name="decision" value="approved" required> Approve</label>
<label class="checkbox" for="f-refuse-{{id}}"><input type="radio" id="f-refuse-{{id}}" name="decision" value="refused"> Refuse</label></fieldset>
<div class="field{{#decide_sent}}{{#err_decision_reason}} has-error{{/err_decision_reason}}{{/decide_sent}}"><label for="f-decision_reason{{#not_decide_sent}}-{{id}}{{/not_decide_sent}}">Reason</label>
{{#decide_sent}}{{#err_decision_reason}}<p class="field-error" id="e-decision_reason">{{err_decision_reason}}</p>{{/err_decision_reason}}{{/decide_sent}}
<textarea id="f-decision_reason{{#not_decide_sent}}-{{id}}{{/not_decide_sent}}" name="decision_reason" rows="2" required{{#decide_sent}}{{#err_decision_reason}} aria-describedby="e-decision_reason" aria-invalid="true"{{/err_decision_reason}}{{/decide_sent}}>&#10;{{#decide_sent}}{{form_decision_reason:pre_escape}}{{/decide_sent}}</textarea></div>
<div class="actions"><button class="btn secondary" type="submit">Record the decision on {{reference}}</button></div>
</form>{{/may_decide}}</li>
{{/exceptions}}{{#has_exceptions}}</ul>{{/has_exceptions}}
<form class="stack card" method="post" action="/permissions/exceptions">
<h3>Ask for an exception</h3>
<input type="hidden" name="csrf" value="{{csrf}}">
<div class="field{{#err_what}} has-error{{/err_what}}"><label for="f-what">What you want to do</label>
{{#err_what}}<p class="field-error" id="e-what">{{err_what}}</p>{{/err_what}}
<input id="f-what" name="what" type="text" required maxlength="300" value="{{form_what}}"{{#err_what}} aria-describedby="e-what" aria-invalid="true"{{/err_what}}></div>
<div class="field{{#err_why}} has-error{{/err_why}}"><label for="f-why">Why</label>
{{#err_why}}<p class="field-error" id="e-why">{{err_why}}</p>{{/err_why}}
<textarea id="f-why" name="why" rows="3" required{{#err_why}} aria-describedby="e-why" aria-invalid="true"{{/err_why}}>&#10;{{form_why:pre_escape}}</textarea></div>
<div class="field{{#err_from_on}} has-error{{/err_from_on}}"><label for="f-from_on">From</label>
{{#err_from_on}}<p class="field-error" id="e-from_on">{{err_from_on}}</p>{{/err_from_on}}
<input id="f-from_on" name="from_on" type="date" required value="{{form_from_on}}"{{#err_from_on}} aria-describedby="e-from_on" aria-invalid="true"{{/err_from_on}}></div>
<div class="field{{#err_until_on}} has-error{{/err_until_on}}"><label for="f-until_on">Until (the last day)</label>
{{#err_until_on}}<p class="field-error" id="e-until_on">{{err_until_on}}</p>{{/err_until_on}}
<input id="f-until_on" name="until_on" type="date" required value="{{form_until_on}}"{{#err_until_on}} aria-describedby="e-until_on" aria-invalid="true"{{/err_until_on}}></div>
<div class="actions"><button class="btn" type="submit">Send the request</button></div>
</form>
{{#may_set_decider}}<form class="stack card" method="post" action="/permissions/decider">
<input type="hidden" name="csrf" value="{{csrf}}">
<fieldset class="field"><legend>Who decides exceptions</legend>
<label class="checkbox" for="f-decider-bm"><input type="radio" id="f-decider-bm" name="decider" value="business_manager"{{#not_decider_is_head}} checked{{/not_decider_is_head}}> The school business manager</label>
<label class="checkbox" for="f-decider-head"><input type="radio" id="f-decider-head" name="decider" value="headteacher"{{#decider_is_head}} checked{{/decider_is_head}}> The headteacher</label></fieldset>
<div class="actions"><button class="btn secondary" type="submit">Save who decides</button></div>
</form>{{/may_set_decider}}
</section>
<section aria-labelledby="h-services" id="services">
<h2 id="h-services">Services approved for use with pupils</h2>
<p>Use only these with pupils. To add one, ask the headteacher or a senior leader.</p>
{{#not_services}}<p class="muted">No service has been approved yet.</p>{{/not_services}}
{{#has_services}}<div class="table-scroll" tabindex="0"><table class="data"><caption>Approved services</caption>
<thead><tr><th scope="col">Service</th><th scope="col">Used for</th><th scope="col">Approved</th><th scope="col">Review by</th>{{#may_keep_services}}<th scope="col">Review</th>{{/may_keep_services}}</tr></thead><tbody>{{/has_services}}
{{#services}}<tr><th scope="row">{{name}}</th><td>{{purpose}}</td><td>{{approved_by}}, <time datetime="{{approved_on}}">{{approved_on:x-uk-time}}</time></td><td><time datetime="{{review_on}}">{{review_on:x-uk-due}}</time>{{#review_due}} <span class="badge status-overdue">Review due</span>{{/review_due}}</td>{{#may_review}}<td><form method="post" action="/permissions/services/{{id}}"><input type="hidden" name="csrf" value="{{csrf}}">
<div class="field{{#review_sent}}{{#err_review_on}} has-error{{/err_review_on}}{{/review_sent}}"><label for="f-{{#review_sent}}review_on{{/review_sent}}{{#not_review_sent}}review-{{id}}{{/not_review_sent}}">Next review by, for {{name}}</label>
{{#review_sent}}{{#err_review_on}}<p class="field-error" id="e-review_on">{{err_review_on}}</p>{{/err_review_on}}{{/review_sent}}
<input id="f-{{#review_sent}}review_on{{/review_sent}}{{#not_review_sent}}review-{{id}}{{/not_review_sent}}" name="review_on" type="date"{{#review_sent}} value="{{form_review_on}}"{{#err_review_on}} aria-describedby="e-review_on" aria-invalid="true"{{/err_review_on}}{{/review_sent}}></div>
<button class="btn secondary" type="submit" name="action" value="review">Approve {{name}} again</button> <button class="btn secondary" type="submit" name="action" value="withdraw">Withdraw {{name}}</button></form></td>{{/may_review}}</tr>
{{/services}}
{{#has_services}}</tbody></table></div>{{/has_services}}
{{#may_keep_services}}<form class="stack card" method="post" action="/permissions/services">
<h3>Approve a service</h3>
<input type="hidden" name="csrf" value="{{csrf}}">
<div class="field{{#err_name}} has-error{{/err_name}}"><label for="f-name">Service</label>
{{#err_name}}<p class="field-error" id="e-name">{{err_name}}</p>{{/err_name}}
<input id="f-name" name="name" type="text" required maxlength="200" value="{{form_name}}"{{#err_name}} aria-describedby="e-name" aria-invalid="true"{{/err_name}}></div>
<div class="field{{#err_purpose}} has-error{{/err_purpose}}"><label for="f-purpose">What it is used for</label>
{{#err_purpose}}<p class="field-error" id="e-purpose">{{err_purpose}}</p>{{/err_purpose}}
<textarea id="f-purpose" name="purpose" rows="2" required{{#err_purpose}} aria-describedby="e-purpose" aria-invalid="true"{{/err_purpose}}>&#10;{{form_purpose:pre_escape}}</textarea></div>
<div class="field{{#not_service_review_sent}}{{#err_review_on}} has-error{{/err_review_on}}{{/not_service_review_sent}}"><label for="f-{{#service_review_sent}}new-{{/service_review_sent}}review_on">Review by</label>
{{#not_service_review_sent}}{{#err_review_on}}<p class="field-error" id="e-review_on">{{err_review_on}}</p>{{/err_review_on}}{{/not_service_review_sent}}
<input id="f-{{#service_review_sent}}new-{{/service_review_sent}}review_on" name="review_on" type="date" required value="{{#not_service_review_sent}}{{form_review_on}}{{/not_service_review_sent}}"{{#not_service_review_sent}}{{#err_review_on}} aria-describedby="e-review_on" aria-invalid="true"{{/err_review_on}}{{/not_service_review_sent}}></div>
<div class="actions"><button class="btn secondary" type="submit">Approve the service</button></div>
</form>{{/may_keep_services}}
</section>
<section aria-labelledby="h-lessons" id="lessons">
<h2 id="h-lessons">Services authorised for a lesson</h2>
<p>Pupils use social media in school only when a teacher authorises it for a lesson, and only a service approved for use with pupils. Record it here before the lesson: the network manager is told, to allow it in the filter.</p>
{{#not_lessons}}<p class="muted">None recorded.</p>{{/not_lessons}}
{{#has_lessons}}<ul>{{/has_lessons}}{{#lessons}}<li><time datetime="{{lesson_on}}">{{lesson_on:x-uk-time}}</time>: {{service}} for {{class_name}} ({{teacher}}). {{use}}</li>
{{/lessons}}{{#has_lessons}}</ul>{{/has_lessons}}
{{#may_authorise_lessons}}{{#has_lesson_services}}<form class="stack card" method="post" action="/permissions/lessons">
<h3>Authorise a service for a lesson</h3>
<input type="hidden" name="csrf" value="{{csrf}}">
<div class="field{{#err_class_name}} has-error{{/err_class_name}}"><label for="f-class_name">Class</label>
{{#err_class_name}}<p class="field-error" id="e-class_name">{{err_class_name}}</p>{{/err_class_name}}
<input id="f-class_name" name="class_name" type="text" required maxlength="100" value="{{form_class_name}}"{{#err_class_name}} aria-describedby="e-class_name" aria-invalid="true"{{/err_class_name}}></div>
<div class="field{{#err_lesson_on}} has-error{{/err_lesson_on}}"><label for="f-lesson_on">Day of the lesson</label>
{{#err_lesson_on}}<p class="field-error" id="e-lesson_on">{{err_lesson_on}}</p>{{/err_lesson_on}}
<input id="f-lesson_on" name="lesson_on" type="date" required value="{{form_lesson_on}}"{{#err_lesson_on}} aria-describedby="e-lesson_on" aria-invalid="true"{{/err_lesson_on}}></div>
<div class="field{{#err_service}} has-error{{/err_service}}"><label for="f-service">Approved service</label>
{{#err_service}}<p class="field-error" id="e-service">{{err_service}}</p>{{/err_service}}
<select id="f-service" name="service" required{{#err_service}} aria-describedby="e-service" aria-invalid="true"{{/err_service}}>{{#lesson_services}}<option value="{{name}}"{{#chosen}} selected{{/chosen}}>{{name}}</option>{{/lesson_services}}</select></div>
<div class="field{{#err_use}} has-error{{/err_use}}"><label for="f-use">What the lesson uses it for</label>
{{#err_use}}<p class="field-error" id="e-use">{{err_use}}</p>{{/err_use}}
<textarea id="f-use" name="use" rows="2" required{{#err_use}} aria-describedby="e-use" aria-invalid="true"{{/err_use}}>&#10;{{form_use:pre_escape}}</textarea></div>
<div class="actions"><button class="btn secondary" type="submit">Authorise it</button></div>
</form>{{/has_lesson_services}}
{{#not_lesson_services}}<p class="notice">No service is approved for use with pupils yet, so none can be authorised for a lesson.</p>{{/not_lesson_services}}{{/may_authorise_lessons}}
{{#not_may_authorise_lessons}}<p class="notice">Only a teacher authorises a service for a lesson, as the school's policy asks: ask the class's teacher.</p>{{/not_may_authorise_lessons}}
</section>
