{{%AUTOESCAPE context="HTML"}}<h1>Report a concern</h1>
<p class="lead">Tell us what happened. Your report goes only to the people who deal with this kind of concern.</p>
<div class="notice">
<h2>Before you start</h2>
<ul>
<li>Do not reply to, or retaliate against, anyone involved.</li>
<li>Keep the evidence: do not delete messages, texts or e-mails. Take screen prints of messages or web pages.</li>
<li>Write down the time, the date and the site or app where it happened.</li>
<li>If someone may be at risk now, tick "urgent" and also speak to the safeguarding lead straight away.</li>
<li>Never copy, forward or print an indecent image of a young person: describe where it is instead.</li>
</ul>
</div>
<form class="stack card" method="post" action="/concerns" enctype="multipart/form-data">
<input type="hidden" name="csrf" value="{{csrf}}">
<fieldset id="f-category"{{#err_category}} class="has-error"{{/err_category}}{{#err_category}} aria-describedby="e-category"{{/err_category}}><legend>What is it about?</legend>
{{#err_category}}<p class="field-error" id="e-category">{{err_category}}</p>{{/err_category}}
{{#categories}}<div class="field"><label class="checkbox" for="f-category-{{code}}"><input type="radio" id="f-category-{{code}}" name="category" value="{{code}}" required{{#selected}} checked{{/selected}}> {{label}}</label>
<p class="hint">{{explain}}</p>{{#advice}}<p class="hint"><strong>{{advice}}</strong></p>{{/advice}}</div>
{{/categories}}</fieldset>
<div class="field{{#err_summary}} has-error{{/err_summary}}"><label for="f-summary">Summary (at most 200 characters)</label>
{{#err_summary}}<p class="field-error" id="e-summary">{{err_summary}}</p>{{/err_summary}}
<input id="f-summary" name="summary" type="text" maxlength="200" required value="{{form_summary}}"{{#err_summary}} aria-describedby="e-summary" aria-invalid="true"{{/err_summary}}></div>
<div class="field{{#err_details}} has-error{{/err_details}}"><label for="f-details">What happened</label>
{{#err_details}}<p class="field-error" id="e-details">{{err_details}}</p>{{/err_details}}
<textarea id="f-details" name="details" rows="6"{{#err_details}} aria-describedby="e-details" aria-invalid="true"{{/err_details}}>&#10;{{form_details:pre_escape}}</textarea></div>
<div class="field{{#err_occurred_at}} has-error{{/err_occurred_at}}"><label for="f-occurred_at">When it happened (UK time)</label>
<p class="hint" id="h-occurred_at">Needed for cyberbullying, of staff or of a pupil: the date and time are part of its evidence, with screen prints of the messages or pages. Your best estimate will do if you are not sure.</p>
{{#err_occurred_at}}<p class="field-error" id="e-occurred_at">{{err_occurred_at}}</p>{{/err_occurred_at}}
<input id="f-occurred_at" name="occurred_at" type="datetime-local" value="{{form_occurred_at}}" aria-describedby="h-occurred_at{{#err_occurred_at}} e-occurred_at{{/err_occurred_at}}"{{#err_occurred_at}} aria-invalid="true"{{/err_occurred_at}}></div>
<div class="field{{#err_aware_at}} has-error{{/err_aware_at}}"><label for="f-aware_at">Personal data breach only: when the school became aware of it (UK time)</label>
<p class="hint" id="h-aware_at">Leave it empty for any other concern. Empty means now. The decision on reporting the breach to the Information Commissioner's Office is due 72 hours after this time, weekends included.</p>
{{#err_aware_at}}<p class="field-error" id="e-aware_at">{{err_aware_at}}</p>{{/err_aware_at}}
<input id="f-aware_at" name="aware_at" type="datetime-local" aria-describedby="h-aware_at{{#err_aware_at}} e-aware_at{{/err_aware_at}}"{{#err_aware_at}} aria-invalid="true"{{/err_aware_at}} value="{{form_aware_at}}"></div>
<div class="field{{#err_platform}} has-error{{/err_platform}}"><label for="f-platform">Site or app (for example Facebook, WhatsApp)</label>
{{#err_platform}}<p class="field-error" id="e-platform">{{err_platform}}</p>{{/err_platform}}
<input id="f-platform" name="platform" type="text" value="{{form_platform}}"{{#err_platform}} aria-describedby="e-platform" aria-invalid="true"{{/err_platform}}></div>
<div class="field{{#err_url}} has-error{{/err_url}}"><label for="f-url">Web address of the page or post, if there is one</label>
{{#err_url}}<p class="field-error" id="e-url">{{err_url}}</p>{{/err_url}}
<input id="f-url" name="url" type="text" inputmode="url" value="{{form_url}}"{{#err_url}} aria-describedby="e-url" aria-invalid="true"{{/err_url}}></div>
<div class="field{{#err_involved}} has-error{{/err_involved}}"><label for="f-involved">Who is involved (pupils, parents, others)</label>
{{#err_involved}}<p class="field-error" id="e-involved">{{err_involved}}</p>{{/err_involved}}
<textarea id="f-involved" name="involved" rows="3"{{#err_involved}} aria-describedby="e-involved" aria-invalid="true"{{/err_involved}}>&#10;{{form_involved:pre_escape}}</textarea></div>
<div class="field{{#err_about}} has-error{{/err_about}}"><label for="f-about">If it is about an adult working in the school: their e-mail address (needed for a concern about an adult's conduct, unless it is about you)</label>
<p class="hint">They will not see this report. A concern about the headteacher's conduct goes to the chair of governors only. For cyberbullying of staff, a parent's post, contact from a pupil or the media, or a comment on a school account, give the member of staff it was aimed at: it goes to those who deal with that kind of concern, even when that is the headteacher.</p>
{{#err_about}}<p class="field-error" id="e-about">{{err_about}}</p>{{/err_about}}
<input id="f-about" name="about" type="email" value="{{form_about}}"{{#err_about}} aria-describedby="e-about" aria-invalid="true"{{/err_about}}></div>
<fieldset class="field" aria-describedby="h-adult"><legend>A concern about an adult's conduct</legend>
<p class="hint" id="h-adult">Only for "Concern about an adult's conduct". Tick "about me" to refer yourself: leave the e-mail address above empty; the headteacher (the chair of governors, for the headteacher) will speak to you, and the report is not shown in your reports because it is about you. Otherwise give the adult's e-mail address above.</p>
<div class="field{{#err_self}} has-error{{/err_self}}">{{#err_self}}<p class="field-error" id="e-self">{{err_self}}</p>{{/err_self}}
<label class="checkbox" for="f-self"><input id="f-self" name="self" type="checkbox" value="yes"{{#form_self}} checked{{/form_self}}{{#err_self}} aria-describedby="e-self" aria-invalid="true"{{/err_self}}> About me: I am referring myself</label></div>
<div class="field{{#err_confidential}} has-error{{/err_confidential}}">{{#err_confidential}}<p class="field-error" id="e-confidential">{{err_confidential}}</p>{{/err_confidential}}
<label class="checkbox" for="f-confidential"><input id="f-confidential" name="confidential" type="checkbox" value="yes" aria-describedby="h-confidential{{#err_confidential}} e-confidential{{/err_confidential}}"{{#err_confidential}} aria-invalid="true"{{/err_confidential}}{{#form_confidential}} checked{{/form_confidential}}> Keep my name confidential</label>
<p class="hint" id="h-confidential">Only the headteacher (or the chair of governors, for a concern about the headteacher) will see who raised it.</p></div>
</fieldset>
<div class="field{{#err_urgent}} has-error{{/err_urgent}}">
{{#err_urgent}}<p class="field-error" id="e-urgent">{{err_urgent}}</p>{{/err_urgent}}
<label class="checkbox" for="f-urgent"><input id="f-urgent" name="urgent" type="checkbox" value="yes"{{#form_urgent}} checked{{/form_urgent}}{{#err_urgent}} aria-describedby="e-urgent" aria-invalid="true"{{/err_urgent}}> Urgent: someone may be at risk now</label></div>
<fieldset id="f-image" class="stack" aria-describedby="image-hint"><legend>Only for a nude or semi-nude image, or an indecent image on a school device</legend>
<p class="hint" id="image-hint">Never open, copy, forward, print or screenshot the image: describe it here instead. Such a report is always urgent and goes to the designated safeguarding lead at once; tell them in person as well.</p>
<div class="field{{#err_indecent_image}} has-error{{/err_indecent_image}}">
{{#err_indecent_image}}<p class="field-error" id="e-indecent_image">{{err_indecent_image}}</p>{{/err_indecent_image}}
<label class="checkbox" for="f-indecent_image"><input id="f-indecent_image" name="indecent_image" type="checkbox" value="yes" aria-describedby="indecent_image-hint{{#err_indecent_image}} e-indecent_image{{/err_indecent_image}}"{{#err_indecent_image}} aria-invalid="true"{{/err_indecent_image}}{{#form_indecent_image}} checked{{/form_indecent_image}}> An indecent image of a child</label>
<p class="hint" id="indecent_image-hint">Tick this with "Inappropriate content reached on school premises" when what was found on a school device or the school network is, or may be, an indecent image of a child.</p></div>
<div class="field{{#err_image_location}} has-error{{/err_image_location}}"><label for="f-image_location">Where the image is (the device, app, account or chat)</label>
{{#err_image_location}}<p class="field-error" id="e-image_location">{{err_image_location}}</p>{{/err_image_location}}
<textarea id="f-image_location" name="image_location" rows="2"{{#err_image_location}} aria-describedby="e-image_location" aria-invalid="true"{{/err_image_location}}>&#10;{{form_image_location:pre_escape}}</textarea></div>
<div class="field{{#err_image_holders}} has-error{{/err_image_holders}}"><label for="f-image_holders">Who has it</label>
{{#err_image_holders}}<p class="field-error" id="e-image_holders">{{err_image_holders}}</p>{{/err_image_holders}}
<textarea id="f-image_holders" name="image_holders" rows="2"{{#err_image_holders}} aria-describedby="e-image_holders" aria-invalid="true"{{/err_image_holders}}>&#10;{{form_image_holders:pre_escape}}</textarea></div>
<div class="field{{#err_image_seen_by}} has-error{{/err_image_seen_by}}"><label for="f-image_seen_by">Who has seen it</label>
{{#err_image_seen_by}}<p class="field-error" id="e-image_seen_by">{{err_image_seen_by}}</p>{{/err_image_seen_by}}
<textarea id="f-image_seen_by" name="image_seen_by" rows="2"{{#err_image_seen_by}} aria-describedby="e-image_seen_by" aria-invalid="true"{{/err_image_seen_by}}>&#10;{{form_image_seen_by:pre_escape}}</textarea></div>
<div class="field{{#err_adult_involved}} has-error{{/err_adult_involved}}">
{{#err_adult_involved}}<p class="field-error" id="e-adult_involved">{{err_adult_involved}}</p>{{/err_adult_involved}}
<label class="checkbox" for="f-adult_involved"><input id="f-adult_involved" name="adult_involved" type="checkbox" value="yes" aria-describedby="adult_involved-hint{{#err_adult_involved}} e-adult_involved{{/err_adult_involved}}"{{#err_adult_involved}} aria-invalid="true"{{/err_adult_involved}}{{#form_adult_involved}} checked{{/form_adult_involved}}> An adult is involved</label>
<p class="hint" id="adult_involved-hint">An adult sent it, asked for it, has it or is in it. The police must then be told the same day.</p></div>
<div class="field{{#err_told_dsl}} has-error{{/err_told_dsl}}">
{{#err_told_dsl}}<p class="field-error" id="e-told_dsl">{{err_told_dsl}}</p>{{/err_told_dsl}}
<label class="checkbox" for="f-told_dsl"><input id="f-told_dsl" name="told_dsl" type="checkbox" value="yes"{{#form_told_dsl}} checked{{/form_told_dsl}}{{#err_told_dsl}} aria-describedby="e-told_dsl" aria-invalid="true"{{/err_told_dsl}}> I have told the designated safeguarding lead in person</label></div>
</fieldset>
<div class="field{{#err_evidence}} has-error{{/err_evidence}}"><label for="f-evidence">Evidence: screenshots or files (up to 5; PNG, JPEG, PDF or plain text; each at most 10 MiB)</label>
<p class="hint">Files are checked by their contents. If the form comes back with a problem, choose the files again.</p>
<p class="hint" id="evidence-sexting"><strong>Nude or semi-nude image of a young person: attach no file at all, not even a screenshot.</strong> Staff must never copy, save or upload such images, and a report of that kind with a file is refused. The same for an indecent image of a child found on a school device. Describe where the image is (the device, app, account or chat), who has it and who has seen it in the part of the form above, or in "What happened".</p>
{{#err_evidence}}<p class="field-error" id="e-evidence">{{err_evidence}}</p>{{/err_evidence}}
<input id="f-evidence" name="evidence" type="file" aria-describedby="evidence-sexting{{#err_evidence}} e-evidence{{/err_evidence}}"{{#err_evidence}} aria-invalid="true"{{/err_evidence}} multiple accept="image/png,image/jpeg,application/pdf,text/plain"></div>
<div class="actions"><button class="btn" type="submit">Send the report</button> <a class="btn secondary" href="/concerns/mine">My reports</a></div>
</form>
